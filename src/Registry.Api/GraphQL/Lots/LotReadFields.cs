using GraphQL;
using GraphQL.Types;
using Registry.Api.Auth;
using Registry.Api.Reads;
using Registry.Domain.Lots;

namespace Registry.Api.GraphQL.Lots;

/// <summary>Who read the caller's lots: the reads of organizations that never held them (grantees, ministries, admins).</summary>
public static class LotReadFields
{
    public static void AddLotReadFields(this ObjectGraphType query)
    {
        query.Field<LotReadPageType>("lotReads")
            .Description("Reads of the lots the caller registered or produced by organizations that never held them, newest " +
                         "first: one entry per lot, reader, field and hour (the first read of the hour), a page at a time.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument<int>("first");
                if (first is < 1 or > LotReadQueries.MaxPageSize)
                    throw new ExecutionError($"first must be between 1 and {LotReadQueries.MaxPageSize}.") { Code = ErrorCodes.InvalidArgument };
                var after = c.GetArgument<string?>("after") is { } cursor
                    ? long.TryParse(Cursor.Decode(cursor), out var seq) ? seq
                        : throw new ExecutionError("after is not a cursor of lotReads.") { Code = ErrorCodes.InvalidArgument }
                    : (long?)null;
                return await c.Service<LotReadQueries>().OfOwnerAsync(c.User!.OrganizationId(), first, after, c.CancellationToken);
            })
            .WithComplexityImpact(1, 50);
    }

    /// <summary>Records the reads of <paramref name="lots"/> through the field being resolved; answers them unchanged.</summary>
    public static T Recorded<T>(this IResolveFieldContext context, T answer, IEnumerable<Lot> lots)
    {
        context.Service<LotReadRecorder>().Record(context.User!, lots, context.FieldDefinition.Name, context.Now());
        return answer;
    }
}

public sealed class LotReadPageType : ObjectGraphType<LotReadPage>
{
    public LotReadPageType()
    {
        Name = "LotReadPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotReadType>>>>("reads").Resolve(c => c.Source.Reads);
        Field(x => x.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor is { } seq ? Cursor.Encode(seq.ToString()) : null);
    }
}

public sealed class LotReadType : ObjectGraphType<LotReadRecord>
{
    public LotReadType()
    {
        Name = "LotRead";
        Field<NonNullGraphType<IdGraphType>>("lotId").Resolve(c => c.Source.LotId);
        Field<NonNullGraphType<StringGraphType>>("reader").Description("The organization that read the lot.")
            .Resolve(c => c.Service<OrganizationNames>().NameOf(c.Source.ReaderId));
        Field(x => x.Field).Description("What it was read through: a GraphQL field (lot, lots, trace, exposure, grants), passport (its restricted tier, either door) or epcis (the EPCIS query interface).");
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("hour").Description("The hour (UTC) of the reads.").Resolve(c => c.Source.Hour);
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("firstReadAt").Resolve(c => c.Source.FirstReadAt);
    }
}

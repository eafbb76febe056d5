using GraphQL;
using GraphQL.Types;
using Marten;

namespace Registry.Api.GraphQL.Lots;

/// <summary>The lots a caller may see: one by id or number, or a page.</summary>
public static class LotFields
{
    public static void AddLotFields(this ObjectGraphType query)
    {
        query.Field<LotType>("lot")
            .Description("A lot by id, or by its lot number and the name of the organization that registered it " +
                         "(organization omitted: the caller's own organization).")
            .Argument<IdGraphType>("id")
            .Argument<StringGraphType>("lotNumber")
            .Argument<StringGraphType>("organization")
            .ResolveAsync(async c =>
            {
                var lot = await LotQueries.LotAsync(
                    c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.User!, c.Now(), c.GetArgument<string?>("id"),
                    c.GetArgument<string?>("lotNumber"), c.GetArgument<string?>("organization"), c.CancellationToken);
                return c.Recorded(lot, lot is null ? [] : [lot]);
            });

        query.Field<LotConnectionType>("lots")
            .Description("Lots in registration order, a page at a time.")
            .Argument<LotFilterInputType>("filter")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var page = await LotQueries.LotsAsync(
                    c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.User!, c.Now(), c.GetArgument<LotFilter?>("filter"),
                    c.GetArgument<int>("first"), c.GetArgument<string?>("after"), c.CancellationToken);
                return c.Recorded(page, page.Nodes);
            });
    }
}

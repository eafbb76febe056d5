using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.Auth;
using Registry.Api.GraphQL.Lots;
using Registry.Api.Integrity;

namespace Registry.Api.GraphQL.Integrity;

/// <summary>Checks of the hash chain (docs/adr/0013): a lot's stream for whoever may see the lot, a range of the
/// registry for ministries and admins. Each call checks a bounded number of events.</summary>
public static class IntegrityFields
{
    public const int MaxLotEvents = 10_000;
    public const long MaxRange = 100_000;

    public static void AddIntegrityFields(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<VerificationType>>("verifyLot")
            .Description("Recomputes the hash chain of the lot's events: whether any was edited, deleted, inserted or reordered.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var lot = await LotQueries.LotAsync(c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.User!,
                              c.Now(), c.GetArgument<string>("id"), null, null, c.CancellationToken)
                          ?? throw new ExecutionError($"No lot {c.GetArgument<string>("id")} is visible to this organization.") { Code = ErrorCodes.NotFound };
                return await c.Service<ChainVerifier>().VerifyStreamAsync(lot.Id, MaxLotEvents, c.CancellationToken);
            });
        query.Field<NonNullGraphType<VerificationType>>("verifyRegistry")
            .Description($"Recomputes every event hash and the registry chain from fromSequence (default 1) to toSequence (default: {MaxRange} events on), at most {MaxRange} sequences a call. Ministries and admins.")
            .Argument<LongGraphType>("fromSequence")
            .Argument<LongGraphType>("toSequence")
            .ResolveAsync(async c =>
            {
                if (!c.User!.SeesEveryLot()) Arguments.Forbidden("Only ministries and admins verify the whole registry.");
                var from = c.GetArgument<long?>("fromSequence") ?? 1;
                var to = c.GetArgument<long?>("toSequence") ?? from + MaxRange - 1;
                if (from < 1 || to < from) throw Arguments.Invalid("fromSequence must be at least 1 and toSequence at least fromSequence.");
                if (to - from + 1 > MaxRange) throw Arguments.Invalid($"Verify at most {MaxRange} sequences a call; ./run.sh verify checks the whole registry.");
                return (await c.Service<ChainVerifier>().VerifyRegistryAsync(from, to, null, c.CancellationToken)).Verification;
            });
    }
}

public sealed class VerificationType : ObjectGraphType<Verification>
{
    public VerificationType()
    {
        Name = "Verification";
        Field(x => x.Valid);
        Field<NonNullGraphType<LongGraphType>>("eventsChecked").Resolve(c => c.Source.EventsChecked);
        Field<BrokenLinkType>("firstBroken").Resolve(c => c.Source.FirstBroken);
    }
}

public sealed class BrokenLinkType : ObjectGraphType<BrokenLink>
{
    public BrokenLinkType()
    {
        Name = "BrokenLink";
        Description = "The first event (or place of one) where the chain does not hold. sequence is 0 when the missing event's place in the registry is unknown.";
        Field<NonNullGraphType<LongGraphType>>("sequence").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<IdGraphType>>("streamId").Resolve(c => c.Source.StreamId);
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(c => c.Source.Version);
        Field(x => x.Reason);
    }
}

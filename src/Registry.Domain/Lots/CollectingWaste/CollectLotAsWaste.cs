using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.CollectingWaste;

public sealed record CollectLotAsWaste(DateTimeOffset OccurredAt, WasteKind WasteKind);

public static class CollectLotAsWasteDecider
{
    /// <summary>
    /// A lot becomes waste once: post-consumer only after use (it was placed on the market), pre-consumer
    /// (manufacturing scrap) from an active lot. Otherwise any lot could be relabelled recycled by a collection.
    /// Waste that enters the registry as such is registered with a waste kind instead.
    /// </summary>
    public static Decision Decide(CollectLotAsWaste command, Lot lot, Actor actor, DateTimeOffset now)
    {
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, command.OccurredAt, now) is { } rejected) return rejected;
        if (lot.Stage == LotStage.Waste)
            return new Rejection(RejectionKind.Conflict, "already-waste", "The lot was already collected as waste.");
        if (command.WasteKind == WasteKind.PostConsumer && lot.Stage != LotStage.OnMarket)
            return new Rejection(RejectionKind.Conflict, "not-on-market",
                "Post-consumer waste comes from lots placed on the market; register collected waste with wasteKind.");

        return Decision.AcceptBy(actor, new LotCollectedAsWaste(lot.Id, actor.OrganizationId, command.WasteKind, command.OccurredAt));
    }
}

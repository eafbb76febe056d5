using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.CollectingWaste;

public sealed record CollectLotAsWaste(DateTimeOffset? OccurredAt, string? WasteKind);

public static class CollectLotAsWasteDecider
{
    /// <summary>Active lots (scrap, imported waste) and lots on the market may become waste, once.</summary>
    public static Decision Decide(CollectLotAsWaste command, Lot lot, Actor actor, DateTimeOffset now)
    {
        var occurredAt = command.OccurredAt!.Value;
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, occurredAt, now) is { } rejected) return rejected;
        if (lot.Stage == LotStage.Waste)
            return new Rejection(RejectionKind.Conflict, "already-waste", "The lot was already collected as waste.");

        return Decision.Accept(new LotCollectedAsWaste(
            lot.Id, actor.OrganizationId, Enum.Parse<WasteKind>(command.WasteKind!), occurredAt));
    }
}

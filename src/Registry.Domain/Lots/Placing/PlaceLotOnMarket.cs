using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Placing;

public sealed record PlaceLotOnMarket(DateTimeOffset OccurredAt, string Country);

public static class PlaceLotOnMarketDecider
{
    public static Decision Decide(PlaceLotOnMarket command, Lot lot, Actor actor, DateTimeOffset now)
    {
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, command.OccurredAt, now) is { } rejected) return rejected;
        if (lot.Stage != LotStage.Active)
            return new Rejection(RejectionKind.Conflict, "not-active",
                $"Only an active lot can be placed on the market; this one is {lot.Stage}.");

        return Decision.AcceptBy(actor, new LotPlacedOnMarket(
            lot.Id, actor.OrganizationId, command.Country, lot.RemainingKg, command.OccurredAt));
    }
}

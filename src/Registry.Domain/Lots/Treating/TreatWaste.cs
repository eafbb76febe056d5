using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Treating;

public sealed record TreatWaste(DateTimeOffset? OccurredAt, string? Route, decimal? MassKg);

public static class TreatWasteDecider
{
    public static Decision Decide(TreatWaste command, Lot lot, Actor actor, DateTimeOffset now)
    {
        var occurredAt = command.OccurredAt!.Value;
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, occurredAt, now) is { } rejected) return rejected;
        if (lot.Stage != LotStage.Waste)
            return new Rejection(RejectionKind.Conflict, "not-waste", "Treatments apply only to waste lots.");
        var massKg = command.MassKg!.Value;
        if (massKg > lot.RemainingKg)
            return new Rejection(RejectionKind.InvalidField, "exceeds-remaining-mass",
                $"massKg {massKg} exceeds the lot's remaining {lot.RemainingKg} kg.", "massKg");

        return Decision.AcceptBy(actor, new LotTreated(
            lot.Id, actor.OrganizationId, Enum.Parse<TreatmentRoute>(command.Route!), massKg, occurredAt));
    }
}

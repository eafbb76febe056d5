using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Treating;

public sealed record TreatWaste(DateTimeOffset OccurredAt, TreatmentRoute Route, decimal MassKg);

public static class TreatWasteDecider
{
    public static Decision Decide(TreatWaste command, Lot lot, Actor actor, DateTimeOffset now)
    {
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, command.OccurredAt, now) is { } rejected) return rejected;
        if (lot.Stage != LotStage.Waste)
            return new Rejection(RejectionKind.Conflict, "not-waste", "Treatments apply only to waste lots.");
        if (LotRules.CheckRemaining(lot, command.MassKg, "massKg") is { } tooMuch) return tooMuch;

        return Decision.AcceptBy(actor, new LotTreated(lot.Id, actor.OrganizationId, command.Route, command.MassKg, command.OccurredAt));
    }
}

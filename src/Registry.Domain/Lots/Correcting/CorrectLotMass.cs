using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Correcting;

/// <summary>A new measurement of what remains of the lot; zero closes it.</summary>
public sealed record CorrectLotMass(DateTimeOffset OccurredAt, decimal MassKg, string Reason);

public static class CorrectLotMassDecider
{
    public static Decision Decide(CorrectLotMass command, Lot lot, Actor actor, DateTimeOffset now)
    {
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, command.OccurredAt, now) is { } rejected) return rejected;
        if (command.MassKg == lot.RemainingKg)
            return new Rejection(RejectionKind.InvalidField, "no-change",
                $"The lot already has {command.MassKg} kg remaining.", "massKg");

        return Decision.AcceptBy(actor, new LotMassCorrected(
            lot.Id, actor.OrganizationId, lot.RemainingKg, command.MassKg, command.Reason, command.OccurredAt));
    }
}

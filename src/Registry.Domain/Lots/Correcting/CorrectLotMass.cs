using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Correcting;

/// <summary>A new measurement of what remains of the lot; zero closes it.</summary>
public sealed record CorrectLotMass(DateTimeOffset? OccurredAt, decimal? MassKg, string? Reason);

public static class CorrectLotMassDecider
{
    public static Decision Decide(CorrectLotMass command, Lot lot, Actor actor, DateTimeOffset now)
    {
        var occurredAt = command.OccurredAt!.Value;
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, occurredAt, now) is { } rejected) return rejected;
        var massKg = command.MassKg!.Value;
        if (massKg == lot.RemainingKg)
            return new Rejection(RejectionKind.InvalidField, "no-change",
                $"The lot already has {massKg} kg remaining.", "massKg");

        return Decision.AcceptBy(actor, new LotMassCorrected(
            lot.Id, actor.OrganizationId, lot.RemainingKg, massKg, command.Reason!, occurredAt));
    }
}

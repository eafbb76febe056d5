using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Transferring;

/// <summary>Custody moves to another organization; different countries make it an import.</summary>
public sealed record TransferLot(
    string? ToOrganization, DateTimeOffset? OccurredAt, string? FromCountry = null, string? ToCountry = null);

public static class TransferLotDecider
{
    /// <param name="receiver">The organization registered under <c>ToOrganization</c>, or null when none is.</param>
    public static Decision Decide(TransferLot command, Lot lot, Actor actor, Organization? receiver, DateTimeOffset now)
    {
        var occurredAt = command.OccurredAt!.Value;
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, occurredAt, now) is { } rejected) return rejected;
        if (CheckReceiver(receiver, command.ToOrganization!) is { } refused) return refused;
        if (receiver!.Id == actor.OrganizationId)
            return new Rejection(RejectionKind.InvalidField, "transfer-to-self",
                "The lot is already held by this organization.", "toOrganization");

        return Decision.AcceptBy(actor, new LotTransferred(
            lot.Id, actor.OrganizationId, receiver.Id,
            command.FromCountry ?? actor.Country, command.ToCountry ?? receiver.Country, lot.RemainingKg, occurredAt,
            lot.Stage == LotStage.Waste ? lot.WasteKind : null));
    }

    /// <summary>Why <paramref name="receiver"/> (looked up by <paramref name="name"/>) cannot take a lot, or null.</summary>
    private static Rejection? CheckReceiver(Organization? receiver, string name)
    {
        if (receiver is null)
            return new(RejectionKind.InvalidField, "unknown-organization",
                $"No organization is registered as '{name}'.", "toOrganization");
        // Ministries and admins record no lots: a lot they held could never move again.
        if (receiver.Role is not (OrganizationRole.Manufacturer or OrganizationRole.Recycler))
            return new(RejectionKind.InvalidField, "receiver-cannot-hold-lots",
                $"'{receiver.Name}' is a {receiver.Role} and cannot hold lots.", "toOrganization");
        return null;
    }
}

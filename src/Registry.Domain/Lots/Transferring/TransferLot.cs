using Registry.Domain.Kpis;
using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Transferring;

/// <summary>
/// Custody moves to another organization; different countries make it an import. With <c>MassKg</c> only that
/// mass moves, as a new lot split off this one.
/// </summary>
public sealed record TransferLot(
    string ToOrganization, DateTimeOffset OccurredAt, string? FromCountry = null, string? ToCountry = null,
    decimal? MassKg = null);

public static class TransferLotDecider
{
    /// <param name="receiver">The organization registered under <c>ToOrganization</c>, or null when none is.</param>
    /// <param name="partLotId">The id the split-off lot takes when the transfer is partial.</param>
    public static Decision Decide(
        TransferLot command, Lot lot, Actor actor, Organization? receiver, Guid partLotId, DateTimeOffset now)
    {
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, command.OccurredAt, now) is { } rejected) return rejected;
        if (receiver is null)
            return new Rejection(RejectionKind.InvalidField, "unknown-organization",
                $"No organization is registered as '{command.ToOrganization}'.", "toOrganization");
        if (CheckReceiver(receiver) is { } refused) return refused;
        if (receiver.Id == actor.OrganizationId)
            return new Rejection(RejectionKind.InvalidField, "transfer-to-self",
                "The lot is already held by this organization.", "toOrganization");

        var (from, to) = (command.FromCountry ?? actor.Country, command.ToCountry ?? receiver.Country);
        var asWaste = lot.Stage == LotStage.Waste ? lot.WasteKind : null;
        if (command.MassKg is not { } massKg)
            return Decision.AcceptBy(actor, new LotTransferred(
                lot.Id, actor.OrganizationId, receiver.Id, from, to, lot.RemainingKg, command.OccurredAt, asWaste));

        // Units cannot follow mass: a part of "100 magnets", or of an xEV lot (one car when it states no units),
        // would be counted again by the xEV KPI.
        if (lot.Units is not null || KpiFacts.IsXev(lot))
            return new Rejection(RejectionKind.Conflict, "counted-in-units",
                "A lot counted in units moves whole: transfer it without massKg.");
        if (LotRules.CheckRemaining(lot, massKg, "massKg") is { } tooMuch) return tooMuch;
        return Decision.AcceptBy(actor,
            new LotSplit(lot.Id, actor.OrganizationId, partLotId, massKg, command.OccurredAt),
            LotSplitOff.Of(lot, partLotId, actor.OrganizationId, massKg, command.OccurredAt),
            new LotTransferred(partLotId, actor.OrganizationId, receiver.Id, from, to, massKg, command.OccurredAt, asWaste));
    }

    /// <summary>Why <paramref name="receiver"/> cannot take a lot, or null.</summary>
    private static Rejection? CheckReceiver(Organization receiver)
    {
        // Ministries and admins record no lots: a lot they held could never move again.
        if (receiver.Role is not (OrganizationRole.Manufacturer or OrganizationRole.Recycler))
            return new(RejectionKind.InvalidField, "receiver-cannot-hold-lots",
                $"'{receiver.Name}' is a {receiver.Role} and cannot hold lots.", "toOrganization");
        return null;
    }
}

using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Transferring;

/// <summary>Custody moves to another organization; different countries make it an import.</summary>
public sealed record TransferLot(
    string? ToOrganization, DateTimeOffset? OccurredAt, string? FromCountry = null, string? ToCountry = null);

public static class TransferLotDecider
{
    public static Decision Decide(TransferLot command, Lot lot, Actor actor, Actor receiver, DateTimeOffset now)
    {
        var occurredAt = command.OccurredAt!.Value;
        if (LotRules.CheckActorAndTime(lot, actor.OrganizationId, occurredAt, now) is { } rejected) return rejected;
        if (receiver.OrganizationId == actor.OrganizationId)
            return new Rejection(RejectionKind.InvalidField, "transfer-to-self",
                "The lot is already held by this organization.", "toOrganization");

        return Decision.Accept(new LotTransferred(
            lot.Id, actor.OrganizationId, receiver.OrganizationId,
            command.FromCountry ?? actor.Country, command.ToCountry ?? receiver.Country, lot.RemainingKg, occurredAt,
            lot.Stage == LotStage.Waste ? lot.WasteKind : null));
    }
}

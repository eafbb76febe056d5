using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Sharing;

/// <summary>The holder or owner lets another organization read the lot (or its trace), until <c>ExpiresAt</c> when given.</summary>
public sealed record GrantLotRead(string ToOrganization, GrantScope Scope, DateTimeOffset? ExpiresAt = null);

public static class GrantLotReadDecider
{
    /// <param name="grantee">The organization registered under <c>ToOrganization</c>, or null when none is.</param>
    public static Decision Decide(GrantLotRead command, Lot lot, Actor actor, Organization? grantee, Guid grantId, DateTimeOffset now)
    {
        if (LotRules.CheckHolderOrOwner(lot, actor.OrganizationId) is { } notHolder) return notHolder;
        if (grantee is null)
            return new Rejection(RejectionKind.InvalidField, "unknown-organization",
                $"No organization is registered as '{command.ToOrganization}'.", "toOrganization");
        if (grantee.Id == actor.OrganizationId)
            return new Rejection(RejectionKind.InvalidField, "grant-to-self",
                "An organization cannot grant itself a read of its own lot.", "toOrganization");
        if (command.ExpiresAt is { } until && until <= now)
            return new Rejection(RejectionKind.InvalidField, "expires-in-past", "expiresAt must be in the future.", "expiresAt");

        return Decision.AcceptBy(actor, new LotReadGranted(
            lot.Id, actor.OrganizationId, grantId, grantee.Id, command.Scope, command.ExpiresAt, now));
    }
}

using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Sharing;

public sealed record RevokeLotGrant(Guid GrantId);

public static class RevokeLotGrantDecider
{
    /// <summary>The holder or owner revokes any of the lot's grants, whoever made it: the lot's readers are theirs to
    /// decide. An expired grant may still be revoked (it then reads as revoked).</summary>
    public static Decision Decide(RevokeLotGrant command, Lot lot, Actor actor, DateTimeOffset now)
    {
        if (LotRules.CheckHolderOrOwner(lot, actor.OrganizationId) is { } notHolder) return notHolder;
        var grant = lot.Grants.FirstOrDefault(g => g.Id == command.GrantId);
        if (grant is null)
            return new Rejection(RejectionKind.NotFound, "grant-not-found", $"The lot has no grant {command.GrantId}.", "grantId");
        if (grant.Revoked)
            return new Rejection(RejectionKind.Conflict, "grant-already-revoked", $"Grant {command.GrantId} is already revoked.", "grantId");
        return Decision.AcceptBy(actor, new LotReadGrantRevoked(lot.Id, actor.OrganizationId, grant.Id, now));
    }
}

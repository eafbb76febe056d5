namespace Registry.Domain.Lots.Sharing;

/// <summary>What a grant lets its grantee read.</summary>
public enum GrantScope
{
    /// <summary>The lot itself, not what it was made from.</summary>
    Lot,
    /// <summary>The lot and its upstream lineage, as far as the granter may see it.</summary>
    Trace,
}

/// <summary>A read grant as the lot's fold keeps it: revoked grants stay, so a revocation cannot be repeated.</summary>
public sealed record LotGrant(
    Guid Id, Guid GranteeId, GrantScope Scope, Guid GrantedBy, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt,
    bool Revoked = false)
{
    /// <summary>Expiry is read against the reader's clock, so a grant stops at its time without an event.</summary>
    public bool IsActive(DateTimeOffset now) => !Revoked && (ExpiresAt is not { } until || until > now);
}

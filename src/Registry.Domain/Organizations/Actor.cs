namespace Registry.Domain.Organizations;

/// <summary>The organization acting on a lot, as authenticated by its API key.</summary>
public sealed record Actor(Guid OrganizationId, string Country);

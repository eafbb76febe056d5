using Marten;
using Registry.Api.Auth;
using Registry.Domain.Organizations;

namespace Registry.Api.Organizations;

/// <summary>
/// Registers an organization with a key from configuration unless one of that name exists; when it exists with
/// another key, the configured key replaces it (start-up seeding: the setting is the truth).
/// </summary>
public static class OrganizationSeeder
{
    public static async Task<Organization> EnsureAsync(
        IDocumentSession session, string name, string country, OrganizationRole role, string apiKey,
        CancellationToken cancellation)
    {
        var hash = ApiKeys.Hash(apiKey);
        var existing = await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation);
        if (existing is not null)
        {
            if (existing.ApiKeyHash == hash) return existing;
            var replaced = existing with { ApiKeyHash = hash };
            session.Store(replaced);
            return replaced;
        }
        var organization = new Organization(Guid.CreateVersion7(), name, country, role, hash, DateTimeOffset.UtcNow);
        session.Insert(organization);
        return organization;
    }
}

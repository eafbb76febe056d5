using Marten;
using Registry.Api.Auth;
using Registry.Domain.Organizations;

namespace Registry.Api.Organizations;

/// <summary>Registers an organization with a known key unless one of that name exists (start-up seeding).</summary>
public static class OrganizationSeeder
{
    public static async Task<Organization> EnsureAsync(
        IDocumentSession session, string name, string country, OrganizationRole role, string apiKey,
        CancellationToken cancellation)
    {
        var existing = await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation);
        if (existing is not null) return existing;
        var organization = new Organization(
            Guid.CreateVersion7(), name, country, role, ApiKeys.Hash(apiKey), DateTimeOffset.UtcNow);
        session.Insert(organization);
        return organization;
    }
}

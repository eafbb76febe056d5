using Marten;
using Registry.Api.Auth;
using Registry.Domain.Organizations;

namespace Registry.Api.Organizations;

/// <summary>The key a start-up setting last gave an organization (by its name), so a restart can tell a changed setting.</summary>
public sealed record SeededKey(string Id, string KeyHash);

/// <summary>
/// Registers an organization with a key from configuration unless one of that name exists. When the configured key
/// changed since the last start, it replaces the stored one; when it did not, a key issued since (through the
/// api-keys route) stays: a restart never brings a replaced key back.
/// </summary>
public static class OrganizationSeeder
{
    public static async Task<Organization> EnsureAsync(
        IDocumentSession session, string name, string country, OrganizationRole role, string apiKey,
        CancellationToken cancellation, string? gln = null)
    {
        var hash = ApiKeys.Hash(apiKey);
        var seeded = await session.LoadAsync<SeededKey>(name, cancellation);
        var existing = await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation);
        if (existing is not null && existing.Gln is null && gln is not null)
        {
            existing = existing with { Gln = gln };
            session.Store(existing);
        }
        if (existing is not null && seeded?.KeyHash == hash) return existing;

        session.Store(new SeededKey(name, hash));
        if (existing is null)
        {
            var organization = new Organization(Guid.CreateVersion7(), name, country, role, hash, DateTimeOffset.UtcNow, gln);
            session.Insert(organization);
            return organization;
        }
        if (existing.ApiKeyHash == hash) return existing;
        var replaced = existing with { ApiKeyHash = hash };
        session.Store(replaced);
        return replaced;
    }
}

using Marten;
using Registry.Domain.Organizations;

namespace Registry.Api.GraphQL;

/// <summary>Organization names by id and ids by name, cached for one request.</summary>
public sealed class OrganizationNames(IQuerySession session)
{
    private readonly Dictionary<Guid, Organization?> byId = [];

    public async Task<string> NameOfAsync(Guid id, CancellationToken cancellation)
    {
        if (!byId.TryGetValue(id, out var organization))
            byId[id] = organization = await session.LoadAsync<Organization>(id, cancellation);
        return organization?.Name ?? id.ToString();
    }

    public async Task<Guid?> IdOfAsync(string name, CancellationToken cancellation)
    {
        var organization = await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation);
        if (organization is not null) byId[organization.Id] = organization;
        return organization?.Id;
    }
}

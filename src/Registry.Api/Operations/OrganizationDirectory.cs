using Marten;
using Registry.Domain.Organizations;

namespace Registry.Api.Operations;

/// <summary>Organizations the commands name, looked up once per name (for an import, once for the whole file: names never change).</summary>
public sealed class OrganizationDirectory
{
    private readonly Dictionary<string, Organization> byName = [];

    /// <summary>Looks up the names not yet known, in one query; an unknown name is asked again by the next batch.</summary>
    public async Task LoadAsync(IQuerySession session, IEnumerable<string?> names, CancellationToken cancellation)
    {
        var missing = names.OfType<string>().Where(n => !byName.ContainsKey(n)).Distinct().ToArray();
        if (missing.Length == 0) return;
        foreach (var organization in await session.Query<Organization>().Where(o => o.Name.IsOneOf(missing)).ToListAsync(cancellation))
            byName[organization.Name] = organization;
    }

    public Organization? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>A loaded organization by id (the export names a transfer's parties by their GLNs).</summary>
    public Organization? Find(Guid id) => byName.Values.FirstOrDefault(o => o.Id == id);
}

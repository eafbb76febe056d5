using System.Collections.Concurrent;
using GraphQL.DataLoader;
using Marten;
using Registry.Domain.Organizations;

namespace Registry.Api.GraphQL;

/// <summary>
/// Organization names by id for one request: those this process has read before from memory, the rest batched per
/// level of a query; and ids by name.
/// </summary>
public sealed class OrganizationNames(IQuerySession session, KnownOrganizationNames known)
{
    private readonly BatchLoader<Guid, string> names = new(async (ids, cancellation) =>
    {
        var loaded = (await session.LoadManyAsync<Organization>(cancellation, ids)).ToDictionary(o => o.Id, o => o.Name);
        foreach (var (id, name) in loaded) known.Remember(id, name);
        return loaded;
    }, id => id.ToString());

    /// <summary>The organization's name (its id when no such organization is registered).</summary>
    public IDataLoaderResult<string> NameOf(Guid id) => known.Find(id) is { } name ? DataLoaderResults.Known(name) : names.Load(id);

    public async Task<Guid?> IdOfAsync(string name, CancellationToken cancellation) =>
        (await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation))?.Id;
}

/// <summary>
/// The names of the organizations this process has read. A registered organization keeps its name for good (no
/// operation renames or removes one), so a name read once answers every later request: a lot's holder and owner
/// then cost no query. Only registered organizations are kept, as many as the admin registered.
/// </summary>
public sealed class KnownOrganizationNames
{
    private readonly ConcurrentDictionary<Guid, string> names = new();

    public string? Find(Guid id) => names.GetValueOrDefault(id);

    public void Remember(Guid id, string name) => names[id] = name;
}

using GraphQL.DataLoader;
using Marten;
using Registry.Domain.Organizations;

namespace Registry.Api.GraphQL;

/// <summary>Organization names by id (batched per level of a query) and ids by name, for one request.</summary>
public sealed class OrganizationNames(IQuerySession session)
{
    private readonly BatchLoader<Guid, string> names = new(async (ids, cancellation) =>
        (await session.LoadManyAsync<Organization>(cancellation, ids)).ToDictionary(o => o.Id, o => o.Name), id => id.ToString());

    /// <summary>The organization's name (its id when no such organization is registered).</summary>
    public IDataLoaderResult<string> NameOf(Guid id) => names.Load(id);

    public async Task<Guid?> IdOfAsync(string name, CancellationToken cancellation) =>
        (await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation))?.Id;
}

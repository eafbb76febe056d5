using GraphQL.DataLoader;
using Marten;
using Registry.Domain.Organizations;

namespace Registry.Api.GraphQL;

/// <summary>Organization names by id (batched per level of a query) and ids by name, for one request.</summary>
public sealed class OrganizationNames
{
    private readonly IQuerySession session;
    private readonly BatchLoader<Guid, string?> names;

    public OrganizationNames(IQuerySession session)
    {
        this.session = session;
        names = new BatchLoader<Guid, string?>(async (ids, cancellation) =>
            (await session.LoadManyAsync<Organization>(cancellation, ids)).ToDictionary(o => o.Id, o => (string?)o.Name), null);
    }

    /// <summary>The organization's name (its id when no such organization is registered).</summary>
    public IDataLoaderResult<string> NameOf(Guid id) => new Named(names.Load(id), id);

    public async Task<Guid?> IdOfAsync(string name, CancellationToken cancellation) =>
        (await session.Query<Organization>().FirstOrDefaultAsync(o => o.Name == name, cancellation))?.Id;

    private sealed class Named(IDataLoaderResult<string?> name, Guid id) : IDataLoaderResult<string>
    {
        public async Task<string> GetResultAsync(CancellationToken cancellationToken = default) =>
            await name.GetResultAsync(cancellationToken) ?? id.ToString();

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

using GraphQL.DataLoader;
using Marten;
using Registry.Domain.Lots;

namespace Registry.Api.GraphQL.Lots;

/// <summary>Lot documents by id, batched per level of a query (the parents of a page of parts, say).</summary>
public sealed class LotsById(IQuerySession session)
{
    private readonly BatchLoader<Guid, Lot?> lots = new(async (ids, cancellation) =>
        (await session.LoadManyAsync<Lot>(cancellation, ids)).ToDictionary(l => l.Id, l => (Lot?)l), _ => null);

    public IDataLoaderResult<Lot?> Of(Guid id) => lots.Load(id);
}

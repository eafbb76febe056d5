using GraphQL.DataLoader;
using JasperFx.Events;
using Marten;

namespace Registry.Api.GraphQL.Lots;

/// <summary>Lots' event streams for one request, loaded together for every lot of a level (a page, a trace).</summary>
public sealed class LotHistories(IQuerySession session)
{
    private readonly BatchLoader<Guid, IReadOnlyList<IEvent>> streams = new(async (ids, cancellation) =>
    {
        var keys = ids.ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(keys))
            .OrderBy(e => e.Sequence).ToListAsync(cancellation);
        // Within a stream, sequence order is version order: the groups keep it.
        return events.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => (IReadOnlyList<IEvent>)g.ToList());
    }, _ => []);

    public IDataLoaderResult<IReadOnlyList<IEvent>> Of(Guid lotId) => streams.Load(lotId);
}

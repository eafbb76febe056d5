using JasperFx.Events;
using Marten;
using Marten.Events;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Organizations;
using Registry.Domain.Transformations;

namespace Registry.Projections.Facts;

/// <summary>
/// What the fact projections know about a batch of events: each lot as its first event started it, and the
/// country of each acting organization. Only what never changes after a lot starts is read from those lots, so
/// the projections do not depend on the lot documents (rebuilding every projection at once gives the same facts).
/// The one later fact read is a lot's collection as waste: a lot becomes waste once, so its waste kind, once set, stays.
/// </summary>
public sealed class FactBatch(
    IReadOnlyDictionary<Guid, Lot> lots, IReadOnlyDictionary<Guid, string> countries,
    IReadOnlyDictionary<Guid, (long Sequence, WasteKind Kind)> collections)
{
    public IReadOnlyDictionary<Guid, Lot> Lots => lots;

    /// <summary>The lot as started, with the waste kind it had when <paramref name="at"/> happened: a collection
    /// recorded after the event is not read, so a rebuild gives the facts the live daemon gave.</summary>
    public Lot LotAt(Guid lotId, IEvent at) => lots[lotId] is { WasteKind: null } lot &&
        collections.TryGetValue(lotId, out var collected) && collected.Sequence < at.Sequence
            ? lot with { WasteKind = collected.Kind }
            : lots[lotId];

    /// <summary>Every lot the event names, as <see cref="LotAt"/> gives it.</summary>
    public IReadOnlyDictionary<Guid, Lot> LotsAt(IEvent at) => LotsOf(at.Data).Distinct().ToDictionary(id => id, id => LotAt(id, at));

    public static async Task<FactBatch> LoadAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var lotIds = events.SelectMany(e => LotsOf(e.Data)).Distinct().ToArray();
        var starts = await operations.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(lotIds) && e.Version == 1)
            .ToListAsync(cancellation);
        var lots = starts.Select(e => e.Data).OfType<ILotStarted>().Select(Lot.Start).ToDictionary(l => l.Id);
        // Only a plastic lot that started without a waste kind can have gained one that a KPI fact reads: most
        // batches (and every battery or rare-metal one) ask nothing more.
        var awaitingKind = lots.Values.Where(l => l.Category == MaterialCategory.Plastic && l.WasteKind is null).Select(l => l.Id).ToArray();
        var collections = awaitingKind.Length == 0
            ? new Dictionary<Guid, (long, WasteKind)>()
            : (await operations.Events.QueryAllRawEvents()
                    .Where(e => e.StreamId.IsOneOf(awaitingKind) && e.EventTypesAre(typeof(LotCollectedAsWaste)))
                    .ToListAsync(cancellation))
                .ToDictionary(e => e.StreamId, e => (e.Sequence, ((LotCollectedAsWaste)e.Data).WasteKind));
        var countries = (await operations.LoadManyAsync<Organization>(cancellation, events.Select(e => ActorOf(e.Data)).Distinct()))
            .ToDictionary(o => o.Id, o => o.Country);

        foreach (var e in events)
        {
            var missing = LotsOf(e.Data).Where(id => !lots.ContainsKey(id)).ToList();
            if (missing.Count > 0 || !countries.ContainsKey(ActorOf(e.Data)))
                throw new InvalidOperationException(
                    $"Event {e.Sequence} names lots without a start event ({string.Join(", ", missing)}) or an unknown organization.");
        }
        return new FactBatch(lots, countries, collections);
    }

    /// <summary>
    /// The country of the organization that recorded the event (the KPIs' region), as stamped on the event; events
    /// from before the stamp fall back to the organization's current country.
    /// </summary>
    public string CountryOf(IEvent e) => (e.Data as RecordedEvent)?.ActorCountry ?? countries[ActorOf(e.Data)];

    /// <summary>The calendar year is the one at the event's own offset (where it happened).</summary>
    public static int YearOf(IEvent e) => e.Data switch
    {
        ILotEvent lotEvent => lotEvent.OccurredAt.Year,
        TransformationRecorded recorded => recorded.OccurredAt.Year,
        _ => throw new ArgumentException(e.Data.GetType().Name, nameof(e)),
    };

    private static IEnumerable<Guid> LotsOf(object data) => data switch
    {
        ILotEvent lotEvent => [lotEvent.LotId],
        TransformationRecorded recorded => recorded.Inputs.Select(i => i.LotId).Concat(recorded.Outputs.Select(o => o.LotId)),
        _ => [],
    };

    private static Guid ActorOf(object data) => data switch
    {
        ILotEvent lotEvent => lotEvent.ActedBy,
        TransformationRecorded recorded => recorded.ActedBy,
        _ => throw new ArgumentException(data.GetType().Name, nameof(data)),
    };
}

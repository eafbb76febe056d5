using System.Text.Json.Nodes;
using System.Security.Claims;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Registry.Projections.Lineage;
using Registry.Api.Auth;
using Registry.Api.Epcis.Exporting;
using Registry.Api.Epcis.Storing;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Idempotency;
using Registry.Api.Operations;
using Registry.Domain.Lots;
using Registry.Domain.Organizations;
using Registry.Domain.Transformations;

namespace Registry.Api.Imports;

/// <summary>
/// One transaction of an import or an EPCIS capture. The lots its lines name are loaded up front in a few queries and evolved in
/// memory line by line, so each line is decided against the lines before it; the commit appends every stream
/// with the version it was loaded at as the expected one, so a concurrent write to any of them fails the commit
/// rather than being overwritten.
/// </summary>
/// <param name="exports">Whether the batch's decisions are stored as their EPCIS equivalents (an import's), or the door
/// stores the events it was given (a capture's).</param>
/// <param name="now">The batch's time: which grants still let the importer see a lot.</param>
public sealed class ImportBatch(
    IDocumentSession session, ClaimsPrincipal importer, DateTimeOffset now, OrganizationDirectory organizations, bool exports = true)
{
    private readonly Actor actor = importer.ToActor();
    private readonly Dictionary<Guid, Lot> lots = [];
    private readonly Dictionary<(Guid Owner, string Number), Guid> lotIdsByNumber = [];
    private readonly Dictionary<Guid, (long? LoadedVersion, List<object> Events)> changes = [];
    private readonly List<TransformationRecorded> transformations = [];
    private readonly Dictionary<string, IdempotencyRecord> records = [];
    private readonly List<IdempotencyRecord> newRecords = [];
    private readonly HashSet<string> askedNames = [];
    private readonly HashSet<Guid> askedIds = [];
    private readonly HashSet<(Guid Owner, string Number)> askedNumbers = [];
    private readonly HashSet<string> askedClasses = [];
    private readonly List<object> recorded = [];
    private readonly List<StoredEpcisEvent> epcisRows = [];
    private readonly List<EpcisExport.ExportedEvent> exported = [];

    public Actor Actor => actor;
    public int EventCount => recorded.Count;
    /// <summary>Every event the batch's accepted lines decided, in order.</summary>
    public IReadOnlyList<object> Recorded => recorded;

    /// <summary>
    /// Loads the idempotency records, and the organizations and lots the lines name in the fields today's operations
    /// use, in a few queries for the whole batch.
    /// </summary>
    public async Task LoadAsync(IReadOnlyList<ImportLine> lines, CancellationToken cancellation)
    {
        var parsed = lines.Where(l => l.Malformed is null).ToList();
        var recordIds = parsed.Select(l => RecordId(l.IdempotencyKey!)).Distinct().ToArray();
        foreach (var record in await session.LoadManyAsync<IdempotencyRecord>(cancellation, recordIds)) records[record.Id] = record;

        var references = parsed.SelectMany(ImportReferences.LotsOf).ToList();
        // The importer too: its transfers are exported naming it by its GLN.
        await LoadOrganizationsAsync(references.Select(r => r.Organization).Concat(parsed.Select(ImportReferences.ReceiverOf))
            .Append(importer.Identity?.Name), cancellation);
        await LoadLotsAsync(references.Select(r => r.Id).OfType<Guid>(),
            references.Where(r => r.Id is null && r.LotNumber is not null).Select(r => (OwnerOf(r), r.LotNumber!)), cancellation);
    }

    /// <summary>
    /// Loads whatever a line's command names that the batch has not asked for yet (nothing, for the operations the
    /// batch's first load knows): an operation reads the same lots and organizations here as through its route.
    /// </summary>
    public async Task LoadNamedAsync(IOperation operation, object command, CancellationToken cancellation)
    {
        await LoadOrganizationsAsync(operation.OrganizationsNamed(command), cancellation);
        await LoadLotsAsync(operation.LotsNamed(command),
            operation.LotNumbersTaken(command).Select(n => ((Guid?)actor.OrganizationId, n.LotNumber)), cancellation);
    }

    private async Task LoadOrganizationsAsync(IEnumerable<string?> names, CancellationToken cancellation) =>
        await organizations.LoadAsync(session, names.OfType<string>().Where(askedNames.Add), cancellation);

    /// <summary>Loads lots by id and by (owner, number), each asked once per batch; lots the batch holds stay as the
    /// lines before left them.</summary>
    private async Task LoadLotsAsync(IEnumerable<Guid> ids, IEnumerable<(Guid? Owner, string Number)> numbers, CancellationToken cancellation)
    {
        var unknown = ids.Where(id => !lots.ContainsKey(id) && askedIds.Add(id)).ToArray();
        if (unknown.Length > 0) Track(await session.LoadManyAsync<Lot>(cancellation, unknown));
        foreach (var byOwner in numbers.Where(n => n.Owner is not null && askedNumbers.Add((n.Owner.Value, n.Number))).GroupBy(n => n.Owner!.Value))
        {
            var asked = byOwner.Select(n => n.Number).ToArray();
            Track(await session.Query<Lot>().Where(l => l.OwnerId == byOwner.Key && l.LotNumber.IsOneOf(asked)).ToListAsync(cancellation));
        }
    }

    /// <summary>Loads the importer's lots of these numbers, each asked once per batch: those its new lots would take.</summary>
    public Task LoadLotNumbersAsync(IEnumerable<string> numbers, CancellationToken cancellation) =>
        LoadLotsAsync([], numbers.Select(n => ((Guid?)actor.OrganizationId, n)), cancellation);

    /// <summary>Loads the lots of these GS1 classes that the importer may see, each class asked once per batch.</summary>
    public async Task LoadClassesAsync(IEnumerable<string> classes, CancellationToken cancellation)
    {
        var unknown = classes.Where(askedClasses.Add).ToArray();
        if (unknown.Length == 0) return;
        var me = actor.OrganizationId;
        Track(await session.Query<Lot>().Where(l => l.EpcClass.IsOneOf(unknown) && l.Custodians.Contains(me)).ToListAsync(cancellation));
    }

    /// <summary>The lots of a GS1 class the importer may see, as the lines before left them, in registration order
    /// (ids are UUIDv7); only classes loaded with <see cref="LoadClassesAsync"/> or started in the batch.</summary>
    public IEnumerable<Lot> OfClass(string epcClass) =>
        lots.Values.Where(l => l.EpcClass == epcClass && importer.CanSee(l, now)).OrderBy(l => l.Id);

    public Organization? Organization(string name) => organizations.Find(name);

    /// <summary>
    /// The lot as the lines before this one left it; null when no such lot exists or the importer may not see it
    /// (answered alike, so lot numbers cannot be probed through an import).
    /// </summary>
    public Lot? Find(LotReference reference)
    {
        var lot = reference.Id is { } id ? lots.GetValueOrDefault(id)
            : reference.LotNumber is { } number && OwnerOf(reference) is { } owner && lotIdsByNumber.TryGetValue((owner, number), out var found)
                ? lots[found]
                : null;
        return lot is not null && importer.CanSee(lot, now) ? lot : null;
    }

    public bool IsLotNumberTaken(string lotNumber) => lotIdsByNumber.ContainsKey((actor.OrganizationId, lotNumber));

    /// <summary>Takes an accepted decision's events into the batch and the in-memory lots.</summary>
    public void Record(IReadOnlyList<object> events, DateTimeOffset recordedAt)
    {
        if (exports)
            exported.AddRange(EpcisExport.Mapped(events, new ExportContext(lots.GetValueOrDefault,
                id => organizations.Find(id) is { } o ? ExportOrganization.Of(o) : null, actor.OrganizationId, recordedAt)));
        foreach (var e in events)
        {
            switch (e)
            {
                case ILotStarted started: Start(Lot.Start(started), e); break;
                case TransformationRecorded recorded: transformations.Add(recorded); break;
                case ILotEvent next:
                    var lot = lots[next.LotId];
                    if (!changes.ContainsKey(lot.Id)) changes[lot.Id] = (lot.Version, []);
                    changes[lot.Id].Events.Add(e);
                    lots[lot.Id] = lot.Fold(next) with { Version = lot.Version + 1 };
                    break;
                default: throw new ArgumentException($"{e.GetType().Name} is not an event an import writes.", nameof(events));
            }
        }
        recorded.AddRange(events);
    }

    /// <summary>The earlier answer to this line's idempotency key, or 422 when the key came with another line.</summary>
    public ImportOutcome? Replay(ImportLine line)
    {
        if (!records.TryGetValue(RecordId(line.IdempotencyKey!), out var first)) return null;
        if (first.Fingerprint != line.Fingerprint)
            return ImportOutcome.Failed(line, Problems.Of(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                "This idempotencyKey was already used for a different line or request."));
        return new(line.Number, line.Operation?.Name, line.IdempotencyKey, first.StatusCode, JsonNode.Parse(first.Body), Replayed: true);
    }

    /// <summary>Keeps a successful line's answer for retries, written in the batch's own transaction.</summary>
    public void Remember(ImportLine line, ImportOutcome outcome, long version)
    {
        var record = new IdempotencyRecord(RecordId(line.IdempotencyKey!), line.Fingerprint, outcome.Status,
            outcome.Result!.ToJsonString(), $"\"{version}\"", DateTimeOffset.UtcNow);
        records[record.Id] = record;
        newRecords.Add(record);
    }

    /// <summary>Keeps an EPCIS row to be written with the batch (a captured event as the capture door stores it).</summary>
    public void Store(StoredEpcisEvent row) => epcisRows.Add(row);

    /// <summary>
    /// Writes the batch in <paramref name="transaction"/>, the session's: appends to lots that existed through the
    /// session, with the version each was loaded at as the expected one; then the streams it starts, with their lot
    /// and transformation documents and lineage edges, its idempotency records and EPCIS rows by COPY
    /// (docs/adr/0016). The caller commits.
    /// </summary>
    public async Task WriteAsync(NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        // Appends first: a lot another writer changed meanwhile fails here as a concurrent write, before any row
        // derived from its version (an exported EPCIS event's hash) could collide instead.
        foreach (var (id, (loadedVersion, events)) in changes)
            if (loadedVersion is { } version) session.Events.Append(id, version + events.Count, events);
        await session.SaveChangesAsync(cancellation);

        var copy = new BatchCopy(transaction.Connection!, (StoreOptions)session.DocumentStore.Options);
        var started = changes.Where(c => c.Value.LoadedVersion is null).ToList();
        await copy.StreamsAsync([
            .. started.Select(s => new NewStream(s.Key, typeof(Lot), s.Value.Events)),
            .. transformations.Select(t => new NewStream(t.TransformationId, typeof(Transformation), [t])),
        ], cancellation);
        await copy.DocumentsAsync([.. started.Select(s => lots[s.Key])], l => l.Id, l => l.Version, cancellation,
            ("holder_id", NpgsqlDbType.Uuid, l => l.HolderId), ("epc_class", NpgsqlDbType.Varchar, l => l.EpcClass),
            ("owner_id", NpgsqlDbType.Uuid, l => l.OwnerId), ("lot_number", NpgsqlDbType.Varchar, l => l.LotNumber));
        await copy.DocumentsAsync([.. transformations.Select(t => Transformation.Create(t) with { Version = 1 })], t => t.Id,
            _ => 1, cancellation);
        await copy.EdgesAsync([
            .. transformations.SelectMany(LotLineageProjection.Edges),
            .. started.SelectMany(s => s.Value.Events).SelectMany(LotLineageProjection.Edges),
        ], cancellation);
        await copy.RecordsAsync(newRecords, cancellation);
        // Hashing the EPCIS events is most of a line's CPU and independent per event: on every core.
        await copy.EpcisEventsAsync([.. exported.AsParallel().AsOrdered().Select(e => e.Row()), .. epcisRows], cancellation);
    }

    private void Start(Lot lot, object started)
    {
        lots[lot.Id] = lot with { Version = 1 };
        lotIdsByNumber[(lot.OwnerId, lot.LotNumber)] = lot.Id;
        changes[lot.Id] = (null, [started]);
    }

    private void Track(IEnumerable<Lot> loaded)
    {
        foreach (var lot in loaded.Where(l => !lots.ContainsKey(l.Id)))
        {
            lots[lot.Id] = lot;
            lotIdsByNumber[(lot.OwnerId, lot.LotNumber)] = lot.Id;
        }
    }

    private Guid? OwnerOf(LotReference reference) =>
        reference.Organization is { } name ? organizations.Find(name)?.Id : actor.OrganizationId;

    private string RecordId(string key) => IdempotencyRecord.IdFor(actor.OrganizationId, key);
}

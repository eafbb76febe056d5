using System.Text;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Domain.Organizations;
using Registry.Domain.Transformations;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.Kpis;

/// <summary>
/// Async (daemon) projection of the events that move a KPI into one fact table: a row per fact with the year of
/// the event's time, the acting organization's country, and when the event was recorded, so that a KPI for any
/// year, region, material and "as of" moment is one indexed aggregate query (docs/adr/0005-kpi-projections.md).
/// Rows are keyed by event sequence, so a batch retried by the daemon cannot count twice.
/// </summary>
public sealed class KpiFactsProjection : IProjection
{
    public const string Name = "KpiFacts";
    public const string TableName = "kpi_facts";
    private const int RowsPerInsert = 1000;
    private const string Columns = "event_seq, ordinal, measure, key, year, region, material, recorded_at, numerator, denominator";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var relevant = events.Where(e => e.Data is LotTreated or LotPlacedOnMarket or TransformationRecorded).ToList();
        if (relevant.Count == 0) return;

        var lots = await LotsAtStartAsync(operations, relevant.SelectMany(e => LotsOf(e.Data)).Distinct().ToArray(), cancellation);
        var countries = (await operations.LoadManyAsync<Organization>(cancellation, relevant.Select(e => ActorOf(e.Data)).Distinct()))
            .ToDictionary(o => o.Id, o => o.Country);

        var rows = new List<object[]>();
        foreach (var e in relevant)
        {
            var missing = LotsOf(e.Data).Where(id => !lots.ContainsKey(id)).ToList();
            if (missing.Count > 0 || !countries.TryGetValue(ActorOf(e.Data), out var region))
                throw new InvalidOperationException(
                    $"Event {e.Sequence} names lots without a start event ({string.Join(", ", missing)}) or an unknown organization.");
            var facts = e.Data switch
            {
                LotTreated treated => KpiFacts.OfTreatment(treated, lots[treated.LotId]),
                LotPlacedOnMarket placed => KpiFacts.OfPlacement(placed, lots[placed.LotId]),
                TransformationRecorded recorded => KpiFacts.OfTransformation(recorded, lots),
                _ => [],
            };
            var year = OccurredAt(e.Data).Year;
            rows.AddRange(facts.Select((f, ordinal) => new object[]
            {
                e.Sequence, ordinal, f.Measure.ToString(), f.Key, year, region, f.Material, e.Timestamp.ToUniversalTime(),
                Stored(f.Numerator), Stored(f.Denominator),
            }));
        }

        var table = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{TableName}";
        foreach (var chunk in rows.Chunk(RowsPerInsert))
            operations.QueueSqlCommand(InsertSql(table, chunk.Length), chunk.SelectMany(r => r).ToArray());
    }

    /// <summary>
    /// Facts are kept to the microgram (9 decimals of kg). Products of masses, fractions and shares carry 20+
    /// decimals, and a sum of those would no longer fit a .NET decimal once read back.
    /// </summary>
    private static decimal Stored(decimal value) => Math.Round(value, 9, MidpointRounding.ToEven);

    private static string InsertSql(string table, int rows)
    {
        var placeholders = "(" + string.Join(", ", Enumerable.Repeat("?", Columns.Split(',').Length)) + ")";
        return new StringBuilder($"insert into {table} ({Columns}) values ")
            .AppendJoin(", ", Enumerable.Repeat(placeholders, rows))
            .Append(" on conflict do nothing").ToString();
    }

    /// <summary>
    /// The lots as their first event started them: that is all <see cref="KpiFacts"/> reads, and it keeps this
    /// projection independent of the lot documents (a rebuild of every projection at once gives the same facts).
    /// </summary>
    private static async Task<Dictionary<Guid, Lot>> LotsAtStartAsync(
        IDocumentOperations operations, Guid[] lotIds, CancellationToken cancellation)
    {
        var starts = await operations.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(lotIds) && e.Version == 1)
            .ToListAsync(cancellation);
        return starts.Select(e => e.Data switch
            {
                LotRegistered registered => Lot.Create(registered),
                LotProduced produced => Lot.Create(produced),
                _ => null,
            })
            .OfType<Lot>()
            .ToDictionary(l => l.Id);
    }

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

    /// <summary>The calendar year is the one at the event's own offset (where it happened).</summary>
    private static DateTimeOffset OccurredAt(object data) => data switch
    {
        ILotEvent lotEvent => lotEvent.OccurredAt,
        TransformationRecorded recorded => recorded.OccurredAt,
        _ => throw new ArgumentException(data.GetType().Name, nameof(data)),
    };

    /// <summary>The fact table, created and migrated with Marten's own schema objects.</summary>
    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<long>("event_seq").AsPrimaryKey();
        table.AddColumn<int>("ordinal").AsPrimaryKey();
        table.AddColumn<string>("measure").NotNull();
        table.AddColumn<string>("key").NotNull();
        table.AddColumn<int>("year").NotNull();
        table.AddColumn<string>("region").NotNull();
        table.AddColumn<string>("material").NotNull();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        table.AddColumn("numerator", "numeric").NotNull();
        table.AddColumn("denominator", "numeric").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_measure_year") { Columns = ["measure", "year"] });
        return table;
    }
}

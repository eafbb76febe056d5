using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Domain.Transformations;
using Registry.Projections.Facts;
using Weasel.Core;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.Kpis;

/// <summary>
/// Async (daemon) projection of the events that move a KPI into one fact table: a row per fact with the year of
/// the event's time, the acting organization's country, and when the event was recorded, so that a KPI for any
/// year, region, material and "as of" moment is one indexed aggregate query (docs/adr/0005-kpi-projections.md).
/// Rows are keyed by event sequence, so a batch retried by the daemon cannot count twice. The rows a batch does
/// insert are also added up into <see cref="TotalsTableName"/> (one row per measure, key, year, region and material),
/// so a current answer reads a few rows whatever the registry's size; only "as of" answers scan the facts.
/// </summary>
public sealed class KpiFactsProjection : IProjection
{
    public const string Name = "KpiFacts";
    public const string TableName = "kpi_facts";
    public const string TotalsTableName = "kpi_totals";
    private static readonly string[] TotalKeys = ["measure", "key", "year", "region", "material", "waste_kind"];
    private static readonly string[] Columns =
        ["event_seq", "ordinal", "measure", "key", "year", "region", "material", "waste_kind", "recorded_at", "numerator", "denominator"];

    /// <summary>A fact's waste kind as stored: "" for facts not about waste, so that it can be part of the totals' key.</summary>
    public static string StoredWasteKind(WasteKind? kind) => kind?.ToString() ?? "";

    /// <summary>The events that move a KPI; every other lot event moves none (checked by a test), a split included:
    /// the part's own treatments and placements count its mass.</summary>
    public static readonly IReadOnlySet<Type> Handles = new HashSet<Type>
    {
        typeof(LotTreated), typeof(LotPlacedOnMarket), typeof(TransformationRecorded),
    };

    /// <summary>The events that move no KPI, named so that a new event is a decision, not an omission.</summary>
    public static readonly IReadOnlySet<Type> Ignores = new HashSet<Type>
    {
        typeof(LotRegistered), typeof(LotProduced), typeof(LotSplitOff), typeof(LotSplit), typeof(LotTransferred),
        typeof(LotCollectedAsWaste), typeof(LotMassCorrected), typeof(LotConsumed), typeof(LotObserved),
        typeof(LotReadGranted), typeof(LotReadGrantRevoked),
    };

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var relevant = events.Where(e => Handles.Contains(e.Data.GetType())).ToList();
        if (relevant.Count == 0) return;

        var batch = await FactBatch.LoadAsync(operations, relevant, cancellation);
        var rows = new List<object[]>();
        foreach (var e in relevant)
        {
            var facts = e.Data switch
            {
                LotTreated treated => KpiFacts.OfTreatment(treated, batch.LotAt(treated.LotId, e)),
                LotPlacedOnMarket placed => KpiFacts.OfPlacement(placed, batch.Lots[placed.LotId]),
                TransformationRecorded recorded => KpiFacts.OfTransformation(recorded, batch.LotsAt(e)),
                _ => [],
            };
            var (year, region) = (FactBatch.YearOf(e), batch.CountryOf(e));
            rows.AddRange(facts.Select((f, ordinal) => new object[]
            {
                e.Sequence, ordinal, f.Measure.ToString(), f.Key, year, region, f.Material, StoredWasteKind(f.WasteKind), e.Timestamp.ToUniversalTime(),
                FactTable.Stored(f.Numerator), FactTable.Stored(f.Denominator),
            }));
        }
        FactTable.QueueInsertsAddingUp(operations, TableName, Columns, rows, TotalsTableName, TotalKeys, ["numerator", "denominator"]);
    }

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
        // Defaulted so that an existing table migrates; its facts read "" until `projections rebuild` splits them.
        table.AddColumn<string>("waste_kind").NotNull().DefaultValueByExpression("''");
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        table.AddColumn("numerator", "numeric").NotNull();
        table.AddColumn("denominator", "numeric").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_measure_year") { Columns = ["measure", "year"] });
        return table;
    }

    public static Table TotalsTable(string schema)
    {
        var table = new TotalsOfExistingFacts(schema);
        table.AddColumn<string>("measure").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<string>("region").AsPrimaryKey();
        table.AddColumn<string>("material").AsPrimaryKey();
        table.AddColumn<string>("waste_kind").AsPrimaryKey().DefaultValueByExpression("''");
        table.AddColumn("numerator", "numeric").NotNull();
        table.AddColumn("denominator", "numeric").NotNull();
        return table;
    }

    /// <summary>
    /// Created already holding the sums of the facts there are, so a database whose facts predate the totals
    /// answers as before instead of from empty totals (the projection only adds facts it inserts).
    /// </summary>
    private sealed class TotalsOfExistingFacts(string schema) : Table($"{schema}.{TotalsTableName}")
    {
        public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
        {
            base.WriteCreateStatement(migrator, writer);
            var columns = string.Join(", ", TotalKeys);
            writer.WriteLine($"insert into {schema}.{TotalsTableName} ({columns}, numerator, denominator) " +
                             $"select {columns}, sum(numerator), sum(denominator) from {schema}.{TableName} group by {columns};");
        }
    }
}

using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Lots;
using Registry.Domain.SupplyRisk;
using Registry.Domain.Transformations;
using Registry.Projections.Facts;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.SupplyRisk;

/// <summary>
/// Async (daemon) projection for supply risk and exposure: each lot's starting mass per component and source
/// (<c>lot_sources</c>), element mass crossing borders or entering manufacturing (<c>supply_flows</c>), and who
/// held each lot (<c>lot_custody</c>). A part split off a lot has its own sources rows marked with every lot it was
/// split off (<c>split_path</c>), so a scope that holds any of them counts that mass once.
/// Sourcing shares, HHI, import reliance, EoL-RIR and exposure are aggregate queries over these two tables.
/// </summary>
public sealed class SupplyFactsProjection : IProjection
{
    public const string Name = "SupplyFacts";
    public const string LotSourcesTable = "lot_sources";
    public const string FlowsTable = "supply_flows";
    /// <summary>Every organization that has held a lot: a company's exposure covers the lots it holds or held.</summary>
    public const string CustodyTable = "lot_custody";
    private static readonly string[] LotSourceColumns =
        ["lot_id", "component", "source", "mass_kg", "year", "organization_id", "country", "category", "product_type", "entering", "recorded_at", "split_path"];
    private static readonly string[] FlowColumns =
        ["event_seq", "ordinal", "kind", "country", "component", "source", "year", "recorded_at", "mass_kg"];

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var relevant = events.Where(e => Handles.Contains(e.Data.GetType())).ToList();
        if (relevant.Count == 0) return;

        var batch = await FactBatch.LoadAsync(operations, relevant, cancellation);
        var lotSources = new List<object[]>();
        var flows = new List<object[]>();
        var custody = new List<object[]>();
        foreach (var e in relevant)
        {
            var (year, recordedAt) = (FactBatch.YearOf(e), e.Timestamp.ToUniversalTime());
            switch (e.Data)
            {
                case ILotStarted started:
                    var lot = batch.Lots[started.LotId];
                    custody.Add([lot.Id, lot.HolderId]);
                    lotSources.AddRange(SupplyFacts.SourcesOf(lot, lot.MassKg).Select(s => new object[]
                    {
                        lot.Id, s.Component, s.Source, FactTable.Stored(s.MassKg), year, lot.OwnerId, batch.CountryOf(e),
                        lot.Category.ToString(), (object?)lot.ProductType ?? lot.Material, EntersSupply(e.Data), recordedAt,
                        lot.SplitPath.ToArray(),
                    }));
                    break;
                case LotTransferred transferred:
                    flows.AddRange(Rows(e, SupplyFacts.OfTransfer(transferred, batch.Lots[transferred.LotId], batch.CountryOf(e)), year, recordedAt));
                    custody.Add([transferred.LotId, transferred.ToOrganizationId]);
                    break;
                case TransformationRecorded recorded:
                    flows.AddRange(Rows(e, SupplyFacts.OfTransformation(recorded, batch.CountryOf(e), batch.Lots), year, recordedAt));
                    break;
            }
        }
        FactTable.QueueInserts(operations, LotSourcesTable, LotSourceColumns, lotSources);
        FactTable.QueueInserts(operations, FlowsTable, FlowColumns, flows);
        FactTable.QueueInserts(operations, CustodyTable, ["lot_id", "organization_id"], custody);
    }

    /// <summary>The events this projection counts; every other lot event changes no supply fact (checked by a test).</summary>
    public static readonly IReadOnlySet<Type> Handles = new HashSet<Type>
    {
        typeof(LotRegistered), typeof(LotProduced), typeof(LotSplitOff), typeof(LotTransferred), typeof(TransformationRecorded),
    };

    /// <summary>The events that change no supply fact (a split's mass stays its parent's), named so that a new
    /// event is a decision, not an omission.</summary>
    public static readonly IReadOnlySet<Type> Ignores = new HashSet<Type>
    {
        typeof(LotSplit), typeof(LotPlacedOnMarket), typeof(LotCollectedAsWaste), typeof(LotTreated), typeof(LotMassCorrected),
        typeof(LotConsumed), typeof(LotObserved), typeof(LotReadGranted), typeof(LotReadGrantRevoked),
    };

    /// <summary>New material enters a supply chain when registered; produced lots, parts and registered waste do not.</summary>
    private static bool EntersSupply(object data) => data is LotRegistered { WasteKind: null };

    private static IEnumerable<object[]> Rows(IEvent e, IReadOnlyList<SupplyFlow> flows, int year, DateTimeOffset recordedAt) =>
        flows.Select((f, ordinal) => new object[]
        {
            e.Sequence, ordinal, f.Kind.ToString(), f.Country, f.Mass.Component, f.Mass.Source, year, recordedAt, FactTable.Stored(f.Mass.MassKg),
        });

    public static IEnumerable<Table> Tables(string schema)
    {
        var sources = new Table($"{schema}.{LotSourcesTable}");
        sources.AddColumn<Guid>("lot_id").AsPrimaryKey();
        sources.AddColumn<string>("component").AsPrimaryKey();
        sources.AddColumn<string>("source").AsPrimaryKey();
        sources.AddColumn("mass_kg", "numeric").NotNull();
        sources.AddColumn<int>("year").NotNull();
        sources.AddColumn<Guid>("organization_id").NotNull();
        sources.AddColumn<string>("country").NotNull();
        sources.AddColumn<string>("category").NotNull();
        sources.AddColumn<string>("product_type").NotNull();
        sources.AddColumn<bool>("entering").NotNull();
        sources.AddColumn("recorded_at", "timestamptz").NotNull();
        sources.AddColumn("split_path", "uuid[]").NotNull().DefaultValueByExpression("'{}'");
        sources.Indexes.Add(new IndexDefinition($"ix_{LotSourcesTable}_component_source") { Columns = ["component", "source", "year"] });
        sources.Indexes.Add(new IndexDefinition($"ix_{LotSourcesTable}_country") { Columns = ["country", "component", "year"] });

        var flows = new Table($"{schema}.{FlowsTable}");
        flows.AddColumn<long>("event_seq").AsPrimaryKey();
        flows.AddColumn<int>("ordinal").AsPrimaryKey();
        flows.AddColumn<string>("kind").NotNull();
        flows.AddColumn<string>("country").NotNull();
        flows.AddColumn<string>("component").NotNull();
        flows.AddColumn<string>("source").NotNull();
        flows.AddColumn<int>("year").NotNull();
        flows.AddColumn("recorded_at", "timestamptz").NotNull();
        flows.AddColumn("mass_kg", "numeric").NotNull();
        flows.Indexes.Add(new IndexDefinition($"ix_{FlowsTable}_country") { Columns = ["country", "component", "year"] });
        var custody = new Table($"{schema}.{CustodyTable}");
        custody.AddColumn<Guid>("organization_id").AsPrimaryKey();
        custody.AddColumn<Guid>("lot_id").AsPrimaryKey();
        return [sources, flows, custody];
    }
}

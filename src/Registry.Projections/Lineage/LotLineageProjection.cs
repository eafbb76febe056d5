using Marten;
using Marten.Events.Projections;
using Registry.Domain.Lots;
using Registry.Domain.Transformations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.Lineage;

/// <summary>
/// The genealogy as an edge table (from lot, to lot, transformation, mass), written inline with each
/// transformation and each split, so that traces are recursive queries over indexed edges, never stream replays.
/// A split's edge runs from the parent to the part, with the part's id as its step (<c>kind</c> Split).
/// </summary>
public partial class LotLineageProjection : EventProjection
{
    public const string TableName = "lot_lineage";

    public void Project(TransformationRecorded e, IDocumentOperations operations) => Insert(operations, Edges(e));

    public void Project(LotSplitOff e, IDocumentOperations operations) => Insert(operations, Edges(e));

    /// <summary>The edges an event adds: also what an import batch copies for the streams it starts.</summary>
    public static IEnumerable<LineageEdge> Edges(object e) => e switch
    {
        TransformationRecorded recorded => Transformation.Flows(recorded).Select(flow =>
            new LineageEdge(flow.From, flow.To, recorded.TransformationId, flow.MassKg, LineageEdgeKind.Transformation)),
        LotSplitOff split => [new LineageEdge(split.ParentLotId, split.LotId, split.LotId, split.MassKg, LineageEdgeKind.Split)],
        _ => [],
    };

    private static void Insert(IDocumentOperations operations, IEnumerable<LineageEdge> edges)
    {
        foreach (var edge in edges)
            operations.QueueSqlCommand(
                $"insert into {operations.DocumentStore.Options.DatabaseSchemaName}.{TableName} " +
                "(from_lot_id, to_lot_id, transformation_id, mass_kg, kind) values (?, ?, ?, ?, ?) on conflict do nothing",
                edge.From, edge.To, edge.TransformationId, edge.MassKg, edge.Kind.ToString());
    }

    /// <summary>The table, created and migrated with Marten's own schema objects.</summary>
    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<Guid>("from_lot_id").AsPrimaryKey();
        table.AddColumn<Guid>("to_lot_id").AsPrimaryKey();
        table.AddColumn<Guid>("transformation_id").AsPrimaryKey();
        table.AddColumn("mass_kg", "numeric").NotNull();
        table.AddColumn("kind", "text").NotNull().DefaultValueByString(nameof(LineageEdgeKind.Transformation));
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_to") { Columns = ["to_lot_id"] });
        return table;
    }
}

/// <summary>What links two lots: a transformation consumed one into the other, or one was split off the other.</summary>
public enum LineageEdgeKind { Transformation, Split }

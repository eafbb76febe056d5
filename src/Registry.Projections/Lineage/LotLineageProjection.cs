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

    public void Project(TransformationRecorded e, IDocumentOperations operations)
    {
        foreach (var (from, to, massKg) in Transformation.Flows(e))
            Insert(operations, from, to, e.TransformationId, massKg, LineageEdgeKind.Transformation);
    }

    public void Project(LotSplitOff e, IDocumentOperations operations) =>
        Insert(operations, e.ParentLotId, e.LotId, e.LotId, e.MassKg, LineageEdgeKind.Split);

    private static void Insert(
        IDocumentOperations operations, Guid from, Guid to, Guid step, decimal massKg, LineageEdgeKind kind) =>
        operations.QueueSqlCommand(
            $"insert into {operations.DocumentStore.Options.DatabaseSchemaName}.{TableName} " +
            "(from_lot_id, to_lot_id, transformation_id, mass_kg, kind) values (?, ?, ?, ?, ?) on conflict do nothing",
            from, to, step, massKg, kind.ToString());

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

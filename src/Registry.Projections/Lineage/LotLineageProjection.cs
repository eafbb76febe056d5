using Marten;
using Marten.Events.Projections;
using Registry.Domain.Transformations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.Lineage;

/// <summary>
/// The genealogy as an edge table (from lot, to lot, transformation, mass), written inline with each
/// transformation so that traces are recursive queries over indexed edges, never stream replays.
/// </summary>
public partial class LotLineageProjection : EventProjection
{
    public const string TableName = "lot_lineage";

    public void Project(TransformationRecorded e, IDocumentOperations operations)
    {
        var table = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{TableName}";
        foreach (var (from, to, massKg) in Transformation.Flows(e))
            operations.QueueSqlCommand(
                $"insert into {table} (from_lot_id, to_lot_id, transformation_id, mass_kg) values (?, ?, ?, ?) " +
                "on conflict do nothing",
                from, to, e.TransformationId, massKg);
    }

    /// <summary>The table, created and migrated with Marten's own schema objects.</summary>
    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<Guid>("from_lot_id").AsPrimaryKey();
        table.AddColumn<Guid>("to_lot_id").AsPrimaryKey();
        table.AddColumn<Guid>("transformation_id").AsPrimaryKey();
        table.AddColumn("mass_kg", "numeric").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_to") { Columns = ["to_lot_id"] });
        return table;
    }
}

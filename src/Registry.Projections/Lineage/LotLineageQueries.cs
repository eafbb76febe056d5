using Npgsql;

namespace Registry.Projections.Lineage;

public enum TraceDirection { Upstream, Downstream }

/// <param name="TransformationId">The step that links the lots: the transformation, or for a split the part's id.</param>
public sealed record LineageEdge(Guid From, Guid To, Guid TransformationId, decimal MassKg, LineageEdgeKind Kind);

public sealed record Lineage(IReadOnlyDictionary<Guid, int> Depths, IReadOnlyList<LineageEdge> Edges, bool Truncated);

/// <summary>Genealogy walks, as recursive queries over the indexed edge table.</summary>
public sealed class LotLineageQueries(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>
    /// Every lot within <paramref name="maxDepth"/> steps of <paramref name="root"/> (at its shortest distance),
    /// the edges between them, and whether any lot lies further.
    /// </summary>
    public async Task<Lineage> TraceAsync(Guid root, TraceDirection direction, int maxDepth, CancellationToken cancellation)
    {
        var (near, far) = direction == TraceDirection.Upstream ? ("to_lot_id", "from_lot_id") : ("from_lot_id", "to_lot_id");
        var table = $"{schema}.{LotLineageProjection.TableName}";

        var depths = new Dictionary<Guid, int>();
        await using (var walk = dataSource.CreateCommand(
            $"""
            with recursive walk(lot_id, depth) as (
                select $1::uuid, 0
              union
                select e.{far}, w.depth + 1 from walk w join {table} e on e.{near} = w.lot_id where w.depth < $2
            )
            select lot_id, min(depth) from walk group by lot_id
            """))
        {
            walk.Parameters.Add(new() { Value = root });
            walk.Parameters.Add(new() { Value = maxDepth });
            await using var reader = await walk.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) depths[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        // Edges between lots of the result (nodes at maxDepth included); truncated when a lot at maxDepth
        // leads to one outside it.
        var all = depths.Keys.ToArray();
        var frontier = depths.Where(d => d.Value == maxDepth).Select(d => d.Key).ToArray();
        var edges = new List<LineageEdge>();
        await using (var select = dataSource.CreateCommand(
            $"select from_lot_id, to_lot_id, transformation_id, mass_kg, kind from {table} where {near} = any($1) and {far} = any($1) " +
            "order by from_lot_id, to_lot_id, transformation_id"))
        {
            select.Parameters.Add(new() { Value = all });
            await using var reader = await select.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
                edges.Add(new(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetDecimal(3),
                    Enum.Parse<LineageEdgeKind>(reader.GetString(4))));
        }

        await using var further = dataSource.CreateCommand(
            $"select exists(select 1 from {table} where {near} = any($1) and not ({far} = any($2)))");
        further.Parameters.Add(new() { Value = frontier });
        further.Parameters.Add(new() { Value = all });
        var truncated = (bool)(await further.ExecuteScalarAsync(cancellation))!;
        return new Lineage(depths, edges, truncated);
    }
}

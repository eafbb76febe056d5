using Npgsql;
using NpgsqlTypes;
using Registry.Domain.Materials;
using Registry.Domain.SupplyRisk;

namespace Registry.Projections.SupplyRisk;

/// <summary>Which lots an exposure answer covers: a source country, a component ("*" or an element), optionally a
/// year and the lots one organization holds or held, or is granted a read of (<c>Granted</c>).</summary>
public sealed record ExposureScope(string Country, string Component, int? Year, Guid? Organization, IReadOnlyList<Guid>? Granted = null);

/// <summary>A product type's element supply and the part that comes from the exposed country.</summary>
public sealed record ProductExposure(string ProductType, decimal ElementKg, decimal FromCountryKg)
{
    /// <summary>The share of this product type's supply of the element that would stop with that country's.</summary>
    public double ShareAtRisk => (double)(FromCountryKg / ElementKg);
}

/// <param name="EnteringKg">Mass from the country in lots registered as new material (not produced, not waste): each kilogram once.</param>
/// <param name="Lots">The lots most exposed, by mass from the country (at most <see cref="SupplyRiskQueries.MaxLots"/>).</param>
public sealed record ExposureAnswer(
    ExposureScope Scope, decimal EnteringKg, int LotCount, int OrganizationCount, IReadOnlyList<Guid> Lots,
    IReadOnlyList<ProductExposure> Products);

/// <summary>Supply-risk and exposure aggregates, computed in PostgreSQL over the supply-risk projections.</summary>
public sealed class SupplyRiskQueries(NpgsqlDataSource dataSource, string schema)
{
    public const int MaxLots = 100;
    private string LotSources => $"{schema}.{SupplyFactsProjection.LotSourcesTable}";

    /// <summary>What entered <paramref name="country"/>'s supply chain of <paramref name="element"/> in the year.</summary>
    public async Task<SupplyChainMasses> MassesAsync(string element, int year, string country, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select 'Registered', source, sum(mass_kg) from {LotSources}
              where entering and country = $1 and component = $2 and year = $3 group by source
            union all
            select kind, source, sum(mass_kg) from {schema}.{SupplyFactsProjection.FlowsTable}
              where country = $1 and component = $2 and year = $3 group by kind, source
            """);
        command.Parameters.Add(new() { Value = country });
        command.Parameters.Add(new() { Value = element });
        command.Parameters.Add(new() { Value = year });

        var entering = new Dictionary<string, decimal>();
        var manufacturing = new Dictionary<string, decimal>();
        var exportedKg = 0m;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var (kind, source, kg) = (reader.GetString(0), reader.GetString(1), reader.GetDecimal(2));
            switch (kind)
            {
                case "Registered" or nameof(SupplyFlowKind.Import):
                    entering[source] = entering.GetValueOrDefault(source) + kg;
                    break;
                case nameof(SupplyFlowKind.Export) when Countries.IsKnown(source):
                    exportedKg += kg;
                    break;
                case nameof(SupplyFlowKind.Manufacturing):
                    manufacturing[source] = manufacturing.GetValueOrDefault(source) + kg;
                    break;
            }
        }
        return new SupplyChainMasses(entering, exportedKg, manufacturing);
    }

    public async Task<ExposureAnswer> ExposureAsync(ExposureScope scope, CancellationToken cancellation)
    {
        // A part split off a lot in scope is that lot's mass again: it counts only where none of the lots it was split
        // off is in scope (registry-wide, never; for an organization, when it never held any of them).
        var custody = $"select lot_id from {schema}.{SupplyFactsProjection.CustodyTable} where organization_id = $4";
        var inScope = "component = $1 and ($3::int is null or year = $3) and " +
                      $"($4::uuid is null or lot_id in ({custody}) or lot_id = any($5)) and " +
                      $"(cardinality(split_path) = 0 or ($4::uuid is not null and not split_path && array({custody})))";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            $"select coalesce(sum(mass_kg) filter (where entering), 0), count(distinct lot_id), count(distinct organization_id) " +
            $"from {LotSources} where source = $2 and {inScope}", scope));
        batch.BatchCommands.Add(Command(
            $"select lot_id from {LotSources} where source = $2 and {inScope} group by lot_id order by sum(mass_kg) desc, lot_id limit {MaxLots}", scope));
        batch.BatchCommands.Add(Command(
            $"select product_type, sum(mass_kg), sum(mass_kg) filter (where source = $2) from {LotSources} " +
            $"where category = 'Product' and {inScope} group by product_type having sum(mass_kg) filter (where source = $2) > 0 order by product_type",
            scope));

        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var (enteringKg, lotCount, organizations) = (reader.GetDecimal(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
        await reader.NextResultAsync(cancellation);
        var lots = new List<Guid>();
        while (await reader.ReadAsync(cancellation)) lots.Add(reader.GetGuid(0));
        await reader.NextResultAsync(cancellation);
        var products = new List<ProductExposure>();
        while (await reader.ReadAsync(cancellation))
            products.Add(new(reader.GetString(0), Kilograms.Trimmed(reader.GetDecimal(1)), Kilograms.Trimmed(reader.GetDecimal(2))));
        return new ExposureAnswer(scope, Kilograms.Trimmed(enteringKg), lotCount, organizations, lots, products);
    }

    private static NpgsqlBatchCommand Command(string sql, ExposureScope scope)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = scope.Component });
        command.Parameters.Add(new() { Value = scope.Country });
        command.Parameters.Add(new() { Value = (object?)scope.Year ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)scope.Organization ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = (scope.Granted ?? []).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return command;
    }
}

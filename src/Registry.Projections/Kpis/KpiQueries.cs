using Npgsql;
using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Domain.Materials;

namespace Registry.Projections.Kpis;

/// <summary>Which facts a KPI answer sums: years, optionally one region, one material and one waste kind (facts not
/// about waste then drop out), and "as of" a moment.</summary>
public sealed record KpiScope(
    int FromYear, int ToYear, string? Region = null, string? Material = null, DateTimeOffset? AsOf = null, WasteKind? WasteKind = null);

public sealed record YearSum(int Year, KpiSum Sum);

/// <summary>
/// KPI sums: current answers from the running totals, "as of" answers aggregated over the facts recorded by then.
/// </summary>
public sealed class KpiQueries(NpgsqlDataSource dataSource, string schema)
{
    public async Task<IReadOnlyList<YearSum>> SumsAsync(
        IReadOnlyCollection<KpiMeasure> measures, KpiScope scope, CancellationToken cancellation)
    {
        var (table, recordedBy) = scope.AsOf is null
            ? (KpiFactsProjection.TotalsTableName, "")
            : (KpiFactsProjection.TableName, "and recorded_at <= $7");
        await using var command = dataSource.CreateCommand(
            $"""
            select year, measure, key, sum(numerator), sum(denominator)
            from {schema}.{table}
            where measure = any($1) and year between $2 and $3
              and ($4::text is null or region = $4) and ($5::text is null or material = $5)
              and ($6::text is null or waste_kind = $6) {recordedBy}
            group by year, measure, key
            order by year, measure, key
            """);
        command.Parameters.Add(new() { Value = measures.Select(m => m.ToString()).ToArray() });
        command.Parameters.Add(new() { Value = scope.FromYear });
        command.Parameters.Add(new() { Value = scope.ToYear });
        command.Parameters.Add(new() { Value = (object?)scope.Region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)scope.Material ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new()
        {
            Value = scope.WasteKind is { } kind ? KpiFactsProjection.StoredWasteKind(kind) : DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        });
        if (scope.AsOf is { } asOf)
            command.Parameters.Add(new() { Value = asOf.ToUniversalTime(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });

        var sums = new List<YearSum>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            sums.Add(new(reader.GetInt32(0),
                new KpiSum(Enum.Parse<KpiMeasure>(reader.GetString(1)), reader.GetString(2), Kilograms.Trimmed(reader.GetDecimal(3)), Kilograms.Trimmed(reader.GetDecimal(4)))));
        return sums;
    }
}

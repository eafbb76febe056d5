using System.Threading.Channels;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.Imports;

/// <summary>
/// Refreshes the planner's statistics of the registry's tables after a bulk load. Autovacuum analyzes a table once a
/// tenth of it changed, at its next round: a large import outruns it, and the projection daemon catching up behind
/// the import plans its reads on the statistics of far smaller tables (docs/benchmarks.md: catching up 100,000
/// lots took 61 s straight after the import, 27 s after an ANALYZE of 2 s). Runs beside the requests, one at a time;
/// loads that end while one is pending share it.
/// </summary>
public sealed class LoadedTableStatistics(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<LoadedTableStatistics> logger)
    : BackgroundService
{
    /// <summary>From how many lines of an import, or events of an EPCIS capture, the statistics are refreshed.</summary>
    public const string Setting = "Registry:AnalyzeAfterBulkLoad";
    private readonly int threshold = configuration.GetValue(Setting, 10_000);
    private readonly Channel<bool> pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>An import of this many lines, or a capture of this many events, ended.</summary>
    public void Loaded(long rows)
    {
        if (rows >= threshold) pending.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await foreach (var _ in pending.Reader.ReadAllAsync(stopping))
        {
            try
            {
                await AnalyzeAsync(stopping);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // Autovacuum gets there later; the load itself is done.
                logger.LogWarning(e, "The statistics of the registry's tables were not refreshed after a bulk load.");
            }
        }
    }

    private async Task AnalyzeAsync(CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select format('%I.%I', schemaname, tablename) from pg_tables where schemaname = $1", connection))
        {
            list.Parameters.AddWithValue(MartenSetup.Schema);
            await using var reader = await list.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            try
            {
                // A table autovacuum is working on is left to it rather than waited for.
                await using (var timeout = new NpgsqlCommand("set local lock_timeout = '1s'", connection, transaction))
                    await timeout.ExecuteNonQueryAsync(cancellation);
                await using (var analyze = new NpgsqlCommand($"analyze {table}", connection, transaction) { CommandTimeout = 0 })
                    await analyze.ExecuteNonQueryAsync(cancellation);
                await transaction.CommitAsync(cancellation);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
            }
        }
        logger.LogInformation("Refreshed the statistics of {Tables} tables after a bulk load.", tables.Count);
    }
}

using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Registry.Benchmarks;

/// <summary>
/// The physical limit the import is measured against: how fast this PostgreSQL takes the same number of event rows,
/// with payloads of the import's own sizes, by plain binary COPY in batches into a table shaped like Marten's
/// <c>mt_events</c> (same columns and indexes, in a scratch schema dropped afterwards).
/// </summary>
public static class CopyBaseline
{
    private const string Schema = "bench_copy";

    public static async Task<double> EventsPerSecondAsync(string connectionString, long events, IReadOnlyList<string> payloads, int batchRows = 10_000)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await Execute(data, $"""
            drop schema if exists {Schema} cascade; create schema {Schema};
            create table {Schema}.mt_events (
              seq_id bigserial primary key, id uuid not null, stream_id uuid, version bigint not null, data jsonb not null,
              type varchar(500) not null, timestamp timestamptz not null default now(), tenant_id varchar default '*DEFAULT*',
              mt_dotnet_type varchar, is_archived bool default false);
            create unique index pk_mt_events_stream_and_version on {Schema}.mt_events (stream_id, version);
            """);
        var started = Stopwatch.GetTimestamp();
        for (long written = 0; written < events;)
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var copy = await connection.BeginBinaryImportAsync(
                $"copy {Schema}.mt_events (id, stream_id, version, data, type, mt_dotnet_type) from stdin (format binary)");
            var rows = (int)Math.Min(batchRows, events - written);
            for (var i = 0; i < rows; i++, written++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(payloads[(int)(written % payloads.Count)], NpgsqlDbType.Jsonb);
                await copy.WriteAsync("lot_registered", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Registry.Domain.Lots.LotRegistered, Registry.Domain", NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        var rate = events / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Execute(data, $"drop schema {Schema} cascade");
        return rate;
    }

    private static async Task Execute(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}

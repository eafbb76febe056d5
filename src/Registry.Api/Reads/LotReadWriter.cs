using Npgsql;
using NpgsqlTypes;
using Registry.Api.Infrastructure;

namespace Registry.Api.Reads;

/// <summary>
/// Writes the queued reads in one statement per batch, a batch at most every <see cref="Interval"/>: the first read
/// after a quiet spell is written at once, a stream of reads costs one insert a second. The statement names each
/// lot's owner and leaves out the reads of the lot's custodians.
/// </summary>
public sealed class LotReadWriter(LotReadRecorder recorder, NpgsqlDataSource dataSource, ILogger<LotReadWriter> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public const int MaxBatch = 5_000;

    private static string Lots => $"{MartenSetup.Schema}.mt_doc_lot";

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var batch = new Dictionary<(Guid, Guid, string, DateTimeOffset), LotRead>();
        while (batch.Count > 0 || await recorder.Reads.WaitToReadAsync(stopping))
        {
            while (batch.Count < MaxBatch && recorder.Reads.TryRead(out var read))
                batch.TryAdd((read.LotId, read.ReaderId, read.Field, read.Hour), read);
            try
            {
                await WriteAsync(batch.Values.ToList(), stopping);
                batch.Clear();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // The lot table is locked (a migration): the batch waits for the next round rather than queue behind it.
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // A lost batch of read records must not stop the recording of the next ones.
                logger.LogWarning(e, "{Count} lot reads were not recorded.", batch.Count);
                batch.Clear();
            }
            await Task.Delay(Interval, stopping);
        }
    }

    private async Task WriteAsync(IReadOnlyList<LotRead> reads, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var share = new NpgsqlCommand($"lock table {Lots} in access share mode nowait", connection, transaction))
            await share.ExecuteNonQueryAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"insert into {MartenSetup.Schema}.{LotReadTable.Name} (owner_id, lot_id, reader_id, field, hour, first_read_at) " +
            "select (l.data ->> 'OwnerId')::uuid, r.lot_id, r.reader_id, r.field, r.hour, r.at " +
            "from unnest($1, $2, $3, $4, $5) as r(lot_id, reader_id, field, hour, at) " +
            $"join {Lots} l on l.id = r.lot_id " +
            "where not (l.data ->> 'Custodians')::jsonb ? r.reader_id::text " +
            "on conflict (lot_id, reader_id, field, hour) do nothing", connection, transaction);
        Add(command, reads.Select(r => r.LotId).ToArray(), NpgsqlDbType.Uuid);
        Add(command, reads.Select(r => r.ReaderId).ToArray(), NpgsqlDbType.Uuid);
        Add(command, reads.Select(r => r.Field).ToArray(), NpgsqlDbType.Text);
        Add(command, reads.Select(r => r.Hour).ToArray(), NpgsqlDbType.TimestampTz);
        Add(command, reads.Select(r => r.At.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz);
        await command.ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    private static void Add<T>(NpgsqlCommand command, T[] values, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });
}

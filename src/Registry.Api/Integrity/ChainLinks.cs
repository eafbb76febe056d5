using Npgsql;

namespace Registry.Api.Integrity;

/// <summary>
/// Extends the registry chain over the event hashes up to Marten's high-water mark (below it every event is committed,
/// so the chain follows sequence order without waiting on open transactions), and signs and lists checkpoints.
/// One process at a time extends it (an advisory lock); the tables refuse rewrites (<see cref="ChainSchema"/>).
/// </summary>
public sealed class ChainLinks(NpgsqlDataSource dataSource, RegistryKey key, TimeProvider clock)
{
    private const int Batch = 10_000;
    private const long LockKey = 0x5245_4743_4841_494E; // "REGCHAIN"
    public const int PageLimit = 100;

    public async Task ExtendAsync(CancellationToken cancellation)
    {
        while (await ExtendBatchAsync(cancellation) == Batch) { }
    }

    private async Task<int> ExtendBatchAsync(CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var locked = new NpgsqlCommand("select pg_try_advisory_xact_lock($1)", connection, transaction) { Parameters = { new() { Value = LockKey } } })
            if (!(bool)(await locked.ExecuteScalarAsync(cancellation))!) return 0;
        var (head, link) = await HeadAsync(connection, transaction, cancellation);
        var sequences = new List<long>(); var links = new List<byte[]>();
        await using (var next = new NpgsqlCommand($"""
            select seq_id, hash from {ChainSchema.Hashes}
            where seq_id > $1 and seq_id <= (select coalesce(max(last_seq_id), 0) from {ChainSchema.Schema}.mt_event_progression where name = 'HighWaterMark')
            order by seq_id limit {Batch}
            """, connection, transaction) { Parameters = { new() { Value = head } } })
        await using (var reader = await next.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation))
            {
                link = EventHash.Link(link, reader.GetInt64(0), (byte[])reader[1]);
                sequences.Add(reader.GetInt64(0));
                links.Add(link);
            }
        if (sequences.Count == 0) return 0;
        await using (var insert = new NpgsqlCommand($"insert into {ChainSchema.Links} (seq_id, link) select * from unnest($1::bigint[], $2::bytea[])", connection, transaction)
                     { Parameters = { new() { Value = sequences.ToArray() }, new() { Value = links.ToArray() } } })
            await insert.ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return sequences.Count;
    }

    /// <summary>Extends the chain, then signs its head unless the latest checkpoint already covers it; null while the
    /// chain is empty.</summary>
    public async Task<Checkpoint?> CheckpointAsync(CancellationToken cancellation)
    {
        await ExtendAsync(cancellation);
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var (head, link) = await HeadAsync(connection, null, cancellation);
        if (head == 0) return null;
        var latest = (await ListAsync(long.MaxValue, 1, cancellation)).FirstOrDefault();
        if (latest?.Sequence == head) return latest;
        var checkpoint = Checkpoint.Sign(key, head, link, clock.GetUtcNow());
        await using var insert = new NpgsqlCommand(
            $"insert into {ChainSchema.Checkpoints} (sequence, link, signed_at, key_id, signature) values ($1, $2, $3, $4, $5) on conflict do nothing",
            connection)
        {
            Parameters =
            {
                new() { Value = checkpoint.Sequence }, new() { Value = link }, new() { Value = checkpoint.SignedAt },
                new() { Value = checkpoint.KeyId }, new() { Value = Checkpoint.FromBase64Url(checkpoint.Signature) },
            },
        };
        return await insert.ExecuteNonQueryAsync(cancellation) == 1 ? checkpoint : (await ListAsync(head + 1, 1, cancellation)).First();
    }

    /// <summary>The checkpoints before <paramref name="before"/>, newest first.</summary>
    public async Task<IReadOnlyList<Checkpoint>> ListAsync(long before, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select sequence, link, signed_at, key_id, signature from {ChainSchema.Checkpoints} where sequence < $1 order by sequence desc limit $2");
        command.Parameters.Add(new() { Value = before });
        command.Parameters.Add(new() { Value = Math.Clamp(limit, 1, PageLimit) });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(cancellation))
            checkpoints.Add(new(reader.GetInt64(0), Convert.ToHexStringLower((byte[])reader[1]),
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), RegistryKey.Base64Url((byte[])reader[4])));
        return checkpoints;
    }

    private static async Task<(long Head, byte[] Link)> HeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, link from {ChainSchema.Links} order by seq_id desc limit 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetInt64(0), (byte[])reader[1]) : (0, EventHash.Genesis);
    }
}

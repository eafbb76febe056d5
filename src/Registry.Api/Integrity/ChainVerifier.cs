using Npgsql;

namespace Registry.Api.Integrity;

/// <summary>
/// Walks the history in sequence order, recomputing every event hash from the stored fields and each stream's
/// recomputed previous hash, and the registry chain over them; it stops at the first link that does not hold.
/// Hashes are computed here (<see cref="EventHash"/>), never by the database, which an attacker may have changed.
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource dataSource)
{
    private const int Window = 5_000;
    private const string S = ChainSchema.Schema;

    /// <summary>The link the chain has reached at the last event checked, for a checkpoint to compare.</summary>
    public sealed record Walk(Verification Verification, long LinkedTo, byte[] Link);

    public async Task<Walk> VerifyRegistryAsync(long from, long to, IProgress<long>? progress, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var (last, chainedTo, link, linkedTo) = await StartAsync(connection, from, cancellation);
        to = Math.Min(to, last);
        var streams = new Dictionary<Guid, byte[]>();
        long checkedCount = 0;
        for (var start = from; start <= to; start += Window)
        {
            var window = await ReadWindowAsync(connection, start, Math.Min(to, start + Window - 1), cancellation);
            foreach (var (sequence, stored, hash, previous, storedLink) in window)
            {
                var broken = Check(stored, hash, previous, streams, out var recomputed);
                if (broken is null && sequence <= chainedTo)
                {
                    if (storedLink is null) broken = BreakReasons.Unlinked;
                    else
                    {
                        link = EventHash.Link(link, sequence, recomputed!);
                        linkedTo = sequence;
                        if (!link.AsSpan().SequenceEqual(storedLink)) broken = BreakReasons.LinkDiffers;
                    }
                }
                if (broken is not null)
                    return new(Verification.Broken(checkedCount, new BrokenLink(sequence,
                        stored?.StreamId ?? hash?.StreamId ?? Guid.Empty, stored?.Version ?? hash?.Version ?? 0, broken)), linkedTo, link);
                if (stored is not null) checkedCount++;
            }
            progress?.Report(checkedCount);
        }
        return new(Verification.Intact(checkedCount), linkedTo, link);
    }

    /// <summary>One stream from its first version, up to <paramref name="maxEvents"/> versions: each event, its hash and
    /// the stream's recorded length.</summary>
    public async Task<Verification> VerifyStreamAsync(Guid streamId, int maxEvents, CancellationToken cancellation)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"{EventColumns} from {S}.mt_events e where e.stream_id = $1 order by e.version limit $2", streamId, maxEvents));
        batch.BatchCommands.Add(Command($"select seq_id, stream_id, version, hash from {ChainSchema.Hashes} where stream_id = $1 order by version limit $2", streamId, maxEvents));
        batch.BatchCommands.Add(Command($"select version from {S}.mt_streams where id = $1", streamId));
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var events = new Dictionary<long, StoredEvent>();
        while (await reader.ReadAsync(cancellation)) { var e = ReadEvent(reader); events[e.Version] = e; }
        await reader.NextResultAsync(cancellation);
        var hashes = new Dictionary<long, StoredHash>();
        while (await reader.ReadAsync(cancellation)) { var h = ReadHash(reader); hashes[h.Version] = h; }
        await reader.NextResultAsync(cancellation);
        var recordedLength = await reader.ReadAsync(cancellation) && !reader.IsDBNull(0) ? reader.GetInt64(0) : 0;

        // A stream longer than maxEvents is checked up to there (eventsChecked says how far), not taken as shortened.
        var length = Math.Min(maxEvents, Math.Max(recordedLength, events.Keys.Concat(hashes.Keys).DefaultIfEmpty(0).Max()));
        var previous = EventHash.Genesis;
        for (long version = 1; version <= length; version++)
        {
            events.TryGetValue(version, out var stored);
            hashes.TryGetValue(version, out var hash);
            if (stored is null && hash is null)
                return Verification.Broken(version - 1, new BrokenLink(0, streamId, version,
                    version > events.Keys.DefaultIfEmpty(0).Max() ? BreakReasons.StreamShortened : BreakReasons.VersionMissing));
            var broken = Check(stored, hash, previous, null, out var recomputed);
            if (broken is not null)
                return Verification.Broken(version - 1, new BrokenLink(stored?.Sequence ?? hash!.Sequence, streamId, version, broken));
            previous = recomputed!;
        }
        return Verification.Intact(length);
    }

    /// <summary>Why one event breaks the chain, or null; <paramref name="recomputed"/> is its hash as recomputed.</summary>
    private static string? Check(StoredEvent? stored, StoredHash? hash, byte[]? storedPrevious,
        Dictionary<Guid, byte[]>? streams, out byte[]? recomputed)
    {
        recomputed = null;
        if (stored is null) return hash is null ? BreakReasons.DeletedWithHash : BreakReasons.Deleted;
        if (hash is null) return BreakReasons.Unhashed;
        if (hash.StreamId != stored.StreamId || hash.Version != stored.Version) return BreakReasons.Moved;
        byte[]? previous = null;
        if (streams is not null && streams.TryGetValue(stored.StreamId, out var seen)) previous = seen;
        previous ??= stored.Version == 1 ? EventHash.Genesis : storedPrevious;
        if (previous is null) return BreakReasons.PreviousMissing;
        recomputed = EventHash.Of(previous, stored);
        if (streams is not null) streams[stored.StreamId] = recomputed;
        return recomputed.AsSpan().SequenceEqual(hash.Hash) ? null : BreakReasons.Changed;
    }

    private sealed record StoredHash(long Sequence, Guid StreamId, long Version, byte[] Hash);

    private const string EventColumns = "select e.seq_id, e.id, e.stream_id, e.version, e.type, e.timestamp, e.data::text";

    /// <summary>The last sequence anywhere, how far the registry chain reaches, and its link just before <paramref name="from"/>.</summary>
    private static async Task<(long Last, long ChainedTo, byte[] Link, long LinkedTo)> StartAsync(
        NpgsqlConnection connection, long from, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"""
            select greatest((select max(seq_id) from {S}.mt_events), (select max(seq_id) from {ChainSchema.Hashes}), 0),
                   coalesce((select max(seq_id) from {ChainSchema.Links}), 0),
                   (select seq_id from {ChainSchema.Links} where seq_id < $1 order by seq_id desc limit 1),
                   (select link from {ChainSchema.Links} where seq_id < $1 order by seq_id desc limit 1)
            """, connection) { Parameters = { new() { Value = from } } };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return (reader.GetInt64(0), reader.GetInt64(1),
            reader.IsDBNull(3) ? EventHash.Genesis : (byte[])reader[3], reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
    }

    /// <summary>Each sequence in the window that has an event, a hash or a link, in order, with the stored hash of
    /// its stream's previous event.</summary>
    private static async Task<List<(long Sequence, StoredEvent? Event, StoredHash? Hash, byte[]? Previous, byte[]? Link)>> ReadWindowAsync(
        NpgsqlConnection connection, long from, long to, CancellationToken cancellation)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command($"""
            {EventColumns}, p.hash from {S}.mt_events e
            left join {ChainSchema.Hashes} p on p.stream_id = e.stream_id and p.version = e.version - 1
            where e.seq_id between $1 and $2
            """, from, to));
        batch.BatchCommands.Add(Command($"select seq_id, stream_id, version, hash from {ChainSchema.Hashes} where seq_id between $1 and $2", from, to));
        batch.BatchCommands.Add(Command($"select seq_id, link from {ChainSchema.Links} where seq_id between $1 and $2", from, to));
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var events = new Dictionary<long, (StoredEvent, byte[]?)>();
        while (await reader.ReadAsync(cancellation))
            events[reader.GetInt64(0)] = (ReadEvent(reader), reader.IsDBNull(7) ? null : (byte[])reader[7]);
        await reader.NextResultAsync(cancellation);
        var hashes = new Dictionary<long, StoredHash>();
        while (await reader.ReadAsync(cancellation)) { var h = ReadHash(reader); hashes[h.Sequence] = h; }
        await reader.NextResultAsync(cancellation);
        var links = new Dictionary<long, byte[]>();
        while (await reader.ReadAsync(cancellation)) links[reader.GetInt64(0)] = (byte[])reader[1];
        return events.Keys.Concat(hashes.Keys).Concat(links.Keys).Distinct().Order()
            .Select(sequence =>
            {
                var hasEvent = events.TryGetValue(sequence, out var e);
                return (sequence, hasEvent ? e.Item1 : null, hashes.GetValueOrDefault(sequence), hasEvent ? e.Item2 : null,
                    links.GetValueOrDefault(sequence));
            })
            .ToList();
    }

    private static StoredEvent ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
        reader.GetDateTime(5), reader.GetString(6));

    private static StoredHash ReadHash(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), (byte[])reader[3]);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

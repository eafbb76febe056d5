using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;
using Registry.Api.Epcis.Storing;
using Registry.Api.Infrastructure.Idempotency;
using Registry.Projections.Lineage;

namespace Registry.Api.Imports;

/// <summary>A stream a batch starts: every event it gets in the batch, in version order.</summary>
public sealed record NewStream(Guid Id, Type Aggregate, IReadOnlyList<object> Events);

/// <summary>
/// Writes rows by binary COPY on the batch's connection, inside its transaction, in the shapes Marten gives them:
/// streams a batch starts with their events, the documents and edges the inline projections would make of them,
/// idempotency records and EPCIS rows. Marten's append path builds a function call, an upsert and their parameters
/// per stream and document (docs/adr/0007); COPY streams the same rows (docs/adr/0016).
/// </summary>
public sealed class BatchCopy(NpgsqlConnection connection, StoreOptions options)
{
    private readonly string schema = options.DatabaseSchemaName;
    private readonly ISerializer serializer = options.Serializer();
    private readonly EventGraph events = (EventGraph)options.Events;

    /// <summary>
    /// The streams and their events. Sequence numbers come from Marten's own sequence, taken in the transaction, so
    /// the daemon's high-water mark treats them as any append's; each stream's rows go in version order, as the hash
    /// chain's trigger needs (docs/adr/0013).
    /// </summary>
    public async Task StreamsAsync(IReadOnlyList<NewStream> streams, CancellationToken cancellation)
    {
        var count = streams.Sum(s => s.Events.Count);
        if (count == 0) return;
        var (sequences, recordedAt) = await SequencesAsync(count, cancellation);

        await using (var copy = await BeginAsync("mt_streams (id, type, version)", cancellation))
        {
            foreach (var stream in streams)
            {
                await copy.StartRowAsync(cancellation);
                await copy.WriteAsync(stream.Id, NpgsqlDbType.Uuid, cancellation);
                await copy.WriteAsync(events.AggregateAliasFor(stream.Aggregate), NpgsqlDbType.Varchar, cancellation);
                await copy.WriteAsync((long)stream.Events.Count, NpgsqlDbType.Bigint, cancellation);
            }
            await copy.CompleteAsync(cancellation);
        }

        var next = 0;
        await using (var copy = await BeginAsync("mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)", cancellation))
        {
            foreach (var stream in streams)
            {
                for (var version = 1; version <= stream.Events.Count; version++)
                {
                    var data = stream.Events[version - 1];
                    var mapping = events.EventMappingFor(data.GetType());
                    await copy.StartRowAsync(cancellation);
                    await copy.WriteAsync(sequences[next++], NpgsqlDbType.Bigint, cancellation);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellation);
                    await copy.WriteAsync(stream.Id, NpgsqlDbType.Uuid, cancellation);
                    await copy.WriteAsync((long)version, NpgsqlDbType.Bigint, cancellation);
                    await copy.WriteAsync(serializer.ToJson(data), NpgsqlDbType.Jsonb, cancellation);
                    await copy.WriteAsync(mapping.EventTypeName, NpgsqlDbType.Varchar, cancellation);
                    await copy.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, cancellation);
                    await copy.WriteAsync(mapping.DotNetTypeName, NpgsqlDbType.Varchar, cancellation);
                }
            }
            await copy.CompleteAsync(cancellation);
        }
    }

    /// <summary>
    /// Documents of one type, as a single-stream projection or <c>Insert</c> stores them: id, JSON, .NET type, the
    /// numeric version when the document has one, and the columns Marten duplicates from it.
    /// </summary>
    public async Task DocumentsAsync<T>(
        IReadOnlyList<T> documents, Func<T, object> id, Func<T, long>? version, CancellationToken cancellation,
        params (string Column, NpgsqlDbType Type, Func<T, object?> Value)[] duplicated)
        where T : notnull
    {
        if (documents.Count == 0) return;
        var table = ((IReadOnlyStoreOptions)options).AllKnownDocumentTypes().Single(d => d.DocumentType == typeof(T)).TableName.Name;
        var columns = new List<string> { "id", "data", "mt_dotnet_type" };
        if (version is not null) columns.Add("mt_version");
        columns.AddRange(duplicated.Select(d => d.Column));
        await using var copy = await BeginAsync($"{table} ({string.Join(", ", columns)})", cancellation);
        foreach (var document in documents)
        {
            await copy.StartRowAsync(cancellation);
            var key = id(document);
            await copy.WriteAsync(key, key is Guid ? NpgsqlDbType.Uuid : NpgsqlDbType.Varchar, cancellation);
            await copy.WriteAsync(serializer.ToJson(document), NpgsqlDbType.Jsonb, cancellation);
            await copy.WriteAsync(typeof(T).FullName!, NpgsqlDbType.Varchar, cancellation);
            if (version is not null) await copy.WriteAsync(version(document), NpgsqlDbType.Bigint, cancellation);
            foreach (var (_, type, value) in duplicated)
            {
                if (value(document) is { } v) await copy.WriteAsync(v, type, cancellation);
                else await copy.WriteNullAsync(cancellation);
            }
        }
        await copy.CompleteAsync(cancellation);
    }

    public Task RecordsAsync(IReadOnlyList<IdempotencyRecord> records, CancellationToken cancellation) =>
        DocumentsAsync(records, r => r.Id, null, cancellation);

    /// <summary>Lineage edges; one per key, the first, as the projection's <c>on conflict do nothing</c> keeps it.</summary>
    public async Task EdgesAsync(IEnumerable<LineageEdge> edges, CancellationToken cancellation)
    {
        var unique = edges.DistinctBy(e => (e.From, e.To, e.TransformationId)).ToList();
        if (unique.Count == 0) return;
        await using var copy = await BeginAsync(
            $"{LotLineageProjection.TableName} (from_lot_id, to_lot_id, transformation_id, mass_kg, kind)", cancellation);
        foreach (var edge in unique)
        {
            await copy.StartRowAsync(cancellation);
            await copy.WriteAsync(edge.From, NpgsqlDbType.Uuid, cancellation);
            await copy.WriteAsync(edge.To, NpgsqlDbType.Uuid, cancellation);
            await copy.WriteAsync(edge.TransformationId, NpgsqlDbType.Uuid, cancellation);
            await copy.WriteAsync(edge.MassKg, NpgsqlDbType.Numeric, cancellation);
            await copy.WriteAsync(edge.Kind.ToString(), NpgsqlDbType.Text, cancellation);
        }
        await copy.CompleteAsync(cancellation);
    }

    public async Task EpcisEventsAsync(IReadOnlyList<StoredEpcisEvent> rows, CancellationToken cancellation)
    {
        if (rows.Count == 0) return;
        await using var copy = await BeginAsync($"{EpcisEventTable.Name} ({StoredEpcisEvent.Columns})", cancellation);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellation);
            await row.WriteAsync(copy, cancellation);
        }
        await copy.CompleteAsync(cancellation);
    }

    private async Task<(long[] Sequences, DateTimeOffset Now)> SequencesAsync(int count, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select nextval('{schema}.mt_events_sequence'), now() from generate_series(1, $1)", connection)
        {
            Parameters = { new() { Value = count } },
        };
        var (sequences, now) = (new long[count], default(DateTimeOffset));
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        for (var i = 0; await reader.ReadAsync(cancellation); i++)
            (sequences[i], now) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        return (sequences, now);
    }

    private Task<NpgsqlBinaryImporter> BeginAsync(string target, CancellationToken cancellation) =>
        connection.BeginBinaryImportAsync($"copy {schema}.{target} from stdin (format binary)", cancellation);
}

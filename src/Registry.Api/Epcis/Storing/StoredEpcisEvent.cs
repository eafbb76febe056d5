using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Registry.Api.Epcis.Storing;

/// <summary>
/// One row of <see cref="EpcisEventTable"/>: an event as the repository answers it, with the fields its queries match.
/// </summary>
public sealed record StoredEpcisEvent(
    string EventHash, string EventId, string EventType, DateTimeOffset EventTime, DateTimeOffset RecordTime,
    string? Action, string? BizStep, string? Disposition, string? ReadPoint, string? BizLocation, string? TransformationId,
    string[] Epcs, string[] EpcClasses, string[] InputClasses, string[] OutputClasses, decimal[] Quantities,
    Guid CapturedBy, Guid[] LotIds, Guid? CaptureId, JsonObject Document, JsonObject Context)
{
    /// <summary>
    /// The row of <paramref name="document"/>, an event as answered (its <c>eventID</c>, <c>recordTime</c> and
    /// <c>cmr:eventHash</c> set), with the prefixes its keys use in <paramref name="context"/>.
    /// </summary>
    public static StoredEpcisEvent Of(
        JsonObject document, JsonObject context, string eventHash, Guid capturedBy, IEnumerable<Guid> lotIds, Guid? captureId)
    {
        var fields = EpcisEventFields.Of(document);
        return new(eventHash, fields.EventId ?? eventHash, fields.EventType, fields.EventTime, fields.RecordTime,
            fields.Action, fields.BizStep, fields.Disposition, fields.ReadPoint, fields.BizLocation, fields.TransformationId,
            fields.Epcs, fields.EpcClasses, fields.InputClasses, fields.OutputClasses, fields.Quantities,
            capturedBy, lotIds.Distinct().ToArray(), captureId, document, context);
    }

    /// <summary>The table's columns, in the order <see cref="QueueInsert"/> and <see cref="WriteAsync"/> give them.</summary>
    public const string Columns =
        "event_hash, event_id, event_type, event_time, record_time, action, biz_step, disposition, read_point, " +
        "biz_location, transformation_id, epcs, epc_classes, input_classes, output_classes, quantities, captured_by, " +
        "lot_ids, capture_id, document, context";

    /// <summary>Adds the row to the session's transaction; a hash already stored fails the commit (ux_epcis_events_hash),
    /// so a concurrent capture of the same event cannot store it twice.</summary>
    public void QueueInsert(IDocumentOperations operations) =>
        operations.QueueSqlCommand(
            $"insert into {operations.DocumentStore.Options.DatabaseSchemaName}.{EpcisEventTable.Name} ({Columns}) " +
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
            EventHash, EventId, EventType, EventTime.ToUniversalTime(), RecordTime.ToUniversalTime(), Nullable(Action),
            Nullable(BizStep), Nullable(Disposition), Nullable(ReadPoint), Nullable(BizLocation), Nullable(TransformationId),
            Epcs, EpcClasses, InputClasses, OutputClasses, Quantities, CapturedBy, LotIds,
            CaptureId is { } id ? id : DBNull.Value, Document.ToJsonString(), Context.ToJsonString());

    /// <summary>The row's fields to a binary COPY (an import or capture batch's), with the same hash guard.</summary>
    public async Task WriteAsync(NpgsqlBinaryImporter copy, CancellationToken cancellation)
    {
        await copy.WriteAsync(EventHash, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(EventId, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(EventType, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(EventTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellation);
        await copy.WriteAsync(RecordTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellation);
        foreach (var text in (string?[])[Action, BizStep, Disposition, ReadPoint, BizLocation, TransformationId])
        {
            if (text is null) await copy.WriteNullAsync(cancellation);
            else await copy.WriteAsync(text, NpgsqlDbType.Text, cancellation);
        }
        foreach (var texts in (string[][])[Epcs, EpcClasses, InputClasses, OutputClasses])
            await copy.WriteAsync(texts, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(Quantities, NpgsqlDbType.Array | NpgsqlDbType.Numeric, cancellation);
        await copy.WriteAsync(CapturedBy, NpgsqlDbType.Uuid, cancellation);
        await copy.WriteAsync(LotIds, NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellation);
        if (CaptureId is { } id) await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellation);
        else await copy.WriteNullAsync(cancellation);
        await copy.WriteAsync(Document.ToJsonString(), NpgsqlDbType.Jsonb, cancellation);
        await copy.WriteAsync(Context.ToJsonString(), NpgsqlDbType.Jsonb, cancellation);
    }

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;
}

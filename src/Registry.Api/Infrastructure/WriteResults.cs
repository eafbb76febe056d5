using System.Text.Json;
using Marten;
using Registry.Api.Infrastructure.Idempotency;

namespace Registry.Api.Infrastructure;

/// <summary>The answer to a successful write: JSON body, the stream version as ETag, Location for a 201, and the
/// idempotency record (a replay carries the same headers).</summary>
public static class WriteResults
{
    /// <param name="replayBody">What a retry gets instead of <paramref name="body"/>, when the first answer
    /// holds a secret that must not be stored.</param>
    public static IResult Respond(
        IDocumentSession session, HttpContext http, int statusCode, object body, long? version = null,
        object? replayBody = null, string? location = null)
    {
        var etag = version is { } v ? $"\"{v}\"" : null;
        if (etag is not null) http.Response.Headers.ETag = etag;
        if (location is not null) http.Response.Headers.Location = location;
        if (http.Features.Get<IdempotentRequest>() is { } request)
        {
            var record = new IdempotencyRecord(request.RecordId, request.Fingerprint, statusCode,
                JsonSerializer.Serialize(replayBody ?? body, ApiJson.Options), etag, DateTimeOffset.UtcNow, location);
            // A plain insert: Marten's Insert skips a taken id (on conflict do nothing), and a second answer under one
            // key must fail its commit, so that the retry of a committed write is answered from the first's record.
            session.QueueSqlCommand(
                $"insert into {session.DocumentStore.Options.Schema.For<IdempotencyRecord>()} (id, data, mt_dotnet_type) values (?, ?::jsonb, ?)",
                record.Id, session.DocumentStore.Options.Serializer().ToJson(record), typeof(IdempotencyRecord).FullName!);
        }
        return statusCode == StatusCodes.Status204NoContent ? Results.NoContent() : Results.Json(body, statusCode: statusCode);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Marten;
using Registry.Api.Auth;
using Registry.Api.Imports;

namespace Registry.Api.Infrastructure.Idempotency;

/// <summary>
/// A POST retried with the same Idempotency-Key and body gets the first answer again; with another body, 422.
/// The write path stores the answer in the write's own transaction (<see cref="WriteResults"/>). A retry that
/// arrives while the first is still running gets 409 (as the IETF Idempotency-Key draft asks); across several
/// API instances, the record's primary key settles the race and the loser is answered from the winner's record.
/// The record is looked for only when the request does not succeed: a write that commits has inserted the key's
/// record, which proves it had none (a retry of a committed write fails its commit on that key, or is refused
/// because the lot moved on, and either way is answered from the record). That spares every write a round trip.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store)
{
    private static readonly ConcurrentDictionary<string, byte> InFlight = new();

    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext http)
    {
        var key = http.Request.Headers[Header].ToString();
        // An import is not one request to replay: each of its lines carries its own key (ImportBatch); a captured
        // EPCIS event is kept idempotent by its Event Hash ID.
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.ContainsKey(Header) || http.User.Identity?.IsAuthenticated != true ||
            ImportEndpoint.Handles(http.Request) || http.Request.Path.StartsWithSegments("/epcis"))
        {
            await next(http);
            return;
        }
        if (Refuse(key) is { } reason)
        {
            await Problems.Write(http, Problems.Of(StatusCodes.Status400BadRequest, "invalid-idempotency-key", reason));
            return;
        }

        var request = new IdempotentRequest(IdempotencyRecord.IdFor(http.User.OrganizationId(), key), await FingerprintAsync(http));
        if (!InFlight.TryAdd(request.RecordId, 0))
        {
            http.Response.Headers.RetryAfter = "1";
            await Problems.Write(http, Problems.Of(StatusCodes.Status409Conflict, "idempotency-key-in-flight",
                $"A request with this {Header} is still being processed; retry shortly."));
            return;
        }
        http.Features.Set(request);
        // The answer is held back until it is known to be this request's own: a refusal may yet give way to the first answer.
        var (client, answer) = (http.Response.Body, new MemoryStream());
        http.Response.Body = answer;
        try
        {
            var refused = false;
            try
            {
                await next(http);
                refused = http.Response.StatusCode >= StatusCodes.Status400BadRequest;
            }
            catch (Exception) when (!http.Response.HasStarted)
            {
                if (!await TryReplayAsync(http, request)) throw;
            }
            if (refused) await TryReplayAsync(http, request);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
        finally
        {
            http.Response.Body = client;
            InFlight.TryRemove(request.RecordId, out _);
        }
        answer.Position = 0;
        await answer.CopyToAsync(client, http.RequestAborted);
    }

    /// <summary>Why a key cannot be used, or null. A blank key is refused, not ignored: the client meant to be safe.</summary>
    public static string? Refuse(string key) =>
        string.IsNullOrWhiteSpace(key) ? $"{Header} must not be blank."
        : key.Length > MaxKeyLength ? $"{Header} is limited to {MaxKeyLength} characters."
        : Validation.JsonText.HasControlCharacters(key) ? $"{Header} must not contain control characters."
        : null;

    /// <summary>Answers with the key's first answer, in place of this one, when there is one.</summary>
    private async Task<bool> TryReplayAsync(HttpContext http, IdempotentRequest request)
    {
        IdempotencyRecord? first;
        await using (var session = store.QuerySession())
            first = await session.LoadAsync<IdempotencyRecord>(request.RecordId);
        if (first is null) return false;
        http.Response.Clear();
        await ReplayAsync(http, first, request);
        return true;
    }

    private static Task ReplayAsync(HttpContext http, IdempotencyRecord first, IdempotentRequest request)
    {
        if (first.Fingerprint != request.Fingerprint)
            return Problems.Write(http, Problems.Of(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                $"This {Header} was already used for a different request."));

        http.Response.StatusCode = first.StatusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (first.ETag is not null) http.Response.Headers.ETag = first.ETag;
        if (first.Location is not null) http.Response.Headers.Location = first.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return http.Response.WriteAsync(first.Body);
    }

    /// <summary>Route and body together: the same key on another route is another request.</summary>
    private static async Task<string> FingerprintAsync(HttpContext http)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"));
        http.Request.Body.Position = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            sha.AppendData(buffer, 0, read);
        http.Request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

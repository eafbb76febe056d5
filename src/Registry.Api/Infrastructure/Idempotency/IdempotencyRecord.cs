namespace Registry.Api.Infrastructure.Idempotency;

/// <summary>
/// The first answer to a POST with an Idempotency-Key, stored in the same transaction as the write it
/// answers, so a retry either finds both or neither. Id: "{organization id}:{key}".
/// </summary>
public sealed record IdempotencyRecord(
    string Id, string Fingerprint, int StatusCode, string Body, string? ETag, DateTimeOffset RecordedAt, string? Location = null)
{
    /// <summary>Keys are per organization: two organizations may use the same one.</summary>
    public static string IdFor(Guid organizationId, string key) => $"{organizationId}:{key}";
}

/// <summary>Set on the request by <see cref="IdempotencyMiddleware"/> when a key came with it.</summary>
public sealed record IdempotentRequest(string RecordId, string Fingerprint);

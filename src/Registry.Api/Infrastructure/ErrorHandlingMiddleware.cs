using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Turns the exceptions a request can meet into problem details: races and taken keys 409/412, an unreachable
/// database 503 with Retry-After, anything else a 500 that says nothing of the server's insides unless
/// <c>Registry:ExposeExceptionDetails</c> is on (off by default, in Development too).
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger, IConfiguration configuration)
{
    public const string ExposeDetailsSetting = "Registry:ExposeExceptionDetails";
    public const string RetryAfterSeconds = "5";
    private const string EventStreamVersionIndex = "pk_mt_events_stream_and_version";
    private readonly bool exposeDetails = configuration.GetValue(ExposeDetailsSetting, false);

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var problem = Classify(exception, http.Request.Headers.IfMatch.Count > 0);
            if (problem is null)
            {
                logger.LogError(exception, "Request {Method} {Path} failed", http.Request.Method, http.Request.Path);
                problem = Problems.Of(StatusCodes.Status500InternalServerError, "internal-error",
                    exposeDetails ? exception.ToString() : "The server failed to answer this request; it has been logged.");
            }
            else
            {
                // The client's mistake or bad luck: the access line (AccessLog) reports the status; the reason is for debugging.
                logger.LogDebug("Request answered {Status}: {Message}", problem.Status, exception.Message);
            }
            http.Response.Clear();
            if (problem.Status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Problems.Write(http, problem);
        }
    }

    /// <summary>PostgreSQL cannot be reached or is shutting down: the request may succeed later.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
                return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300";
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException) return true;
        }
        return false;
    }

    /// <param name="conditional">The write carried If-Match: a concurrent write is then 412, not 409.</param>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? Classify(Exception exception, bool conditional)
    {
        if (IsDatabaseUnavailable(exception))
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "database-unavailable", Problems.DatabaseUnavailableDetail);
        var chain = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException) chain.Add(e);
        // A taken business key surfaces wrapped (e.g. in DocumentAlreadyExistsException): look for it first.
        var violated = chain.OfType<PostgresException>()
            .FirstOrDefault(p => p.SqlState == PostgresErrorCodes.UniqueViolation)?.ConstraintName;
        if (violated is not null && MartenSetup.UniqueKeys.FirstOrDefault(k => violated.Contains(k.Index)) is { Code: not null } key)
            return Problems.Of(StatusCodes.Status409Conflict, key.Code, key.Detail);

        foreach (var e in chain)
        {
            switch (e)
            {
                // Two appends of the same stream version can also surface as the raw violation of its index.
                case ConcurrencyException or ExistingStreamIdCollisionException
                    or PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
                    or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: EventStreamVersionIndex }:
                    return conditional
                        ? Problems.Of(StatusCodes.Status412PreconditionFailed, "stale-version",
                            "The lot changed since the version in If-Match.")
                        : Problems.Of(StatusCodes.Status409Conflict, "concurrent-write",
                            "Another write to this lot committed first; read it again and retry.");
                case DocumentAlreadyExistsException:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return Problems.Of(StatusCodes.Status409Conflict, "already-exists",
                        "A concurrent request created the same resource; read it again and retry.");
                case BadHttpRequestException bad:
                    return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? Problems.Of(bad.StatusCode, "body-too-large", bad.Message)
                        : Problems.Of(StatusCodes.Status400BadRequest, "malformed-request", bad.Message);
                case JsonException json:
                    return Problems.Of(StatusCodes.Status400BadRequest, "malformed-json", json.Message);
            }
        }
        return null;
    }
}

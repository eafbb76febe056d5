using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace Registry.Api.Infrastructure;

/// <summary>Turns the exceptions a write can meet into problem details; anything else stays a 500.</summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    private const string EventStreamVersionIndex = "pk_mt_events_stream_and_version";

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception exception) when (!http.Response.HasStarted &&
                                          Classify(exception, http.Request.Headers.IfMatch.Count > 0) is { } problem)
        {
            logger.LogInformation("Request answered {Status}: {Message}", problem.Status, exception.Message);
            http.Response.Clear();
            await Problems.Write(http, problem);
        }
    }

    /// <param name="conditional">The write carried If-Match: a concurrent write is then 412, not 409.</param>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? Classify(Exception exception, bool conditional)
    {
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

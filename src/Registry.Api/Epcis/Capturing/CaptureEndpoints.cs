using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Epcis.Validating;
using Registry.Api.Infrastructure;
using Wolverine.Http;

namespace Registry.Api.Epcis.Capturing;

/// <summary>The GS1 capture interface (epcis.md): documents as jobs, single events at once, the jobs, the limits.</summary>
public static class CaptureEndpoints
{
    public const string Route = "/epcis/capture";
    public const string EventsRoute = "/epcis/events";
    public const string BehaviourHeader = "GS1-Capture-Error-Behaviour";
    private const int MaxPerPage = 100;

    /// <summary>A captured document streams to a spool file under its own limit: the per-request body gate leaves it alone.</summary>
    public static bool StreamsBody(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(Route);

    [WolverineOptions(Route, OperationId = "EpcisCaptureLimits"), Tags("EPCIS capture"), AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent, Description = "The limits, in GS1-EPCIS-Capture-Limit (events) and GS1-EPCIS-Capture-File-Size-Limit (bytes).")]
    public static IResult Limits(HttpContext http, CaptureSettings settings)
    {
        http.Response.Headers["GS1-EPCIS-Capture-Limit"] = settings.CaptureLimit.ToString();
        http.Response.Headers["GS1-EPCIS-Capture-File-Size-Limit"] = settings.FileSizeLimit.ToString();
        http.Response.Headers.Allow = "OPTIONS, GET, POST";
        return Results.NoContent();
    }

    [WolverinePost(Route, OperationId = "EpcisCapture"), Tags("EPCIS capture"), Authorize(Roles = Roles.LotWriters)]
    [StreamedRequestBody("application/ld+json", "An EPCIS 2.0 document (EPCISDocument), checked against the GS1 EPCIS JSON Schema; application/json is taken too. The GS1-Capture-Error-Behaviour header is rollback (the default) or proceed.")]
    [ProducesResponseType<CaptureJobAnswer>(StatusCodes.Status202Accepted, "application/json", Description = "The capture job, at Location.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, RegistryAnswersPolicy.ProblemJson, Description = "`capture-error-behaviour`, `malformed-document`, or the schema's verdict (epcisException:ValidationException).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, RegistryAnswersPolicy.ProblemJson, Description = "More events or bytes than the capture limits (OPTIONS /epcis/capture).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, RegistryAnswersPolicy.ProblemJson, Description = "`unsupported-media-type`: application/ld+json or application/json.")]
    public static async Task<IResult> Capture(HttpContext http, ClaimsPrincipal user, CaptureIntake intake, EpcisRules rules)
    {
        if (Refusal(http, rules) is { } refused) return refused;
        if (Behaviour(http) is not { } behaviour)
            return EpcisProblems.Result(StatusCodes.Status400BadRequest, "ValidationException", "capture-error-behaviour",
                $"{BehaviourHeader} is rollback (the default) or proceed.");
        return await intake.AcceptAsync(http, user, behaviour);
    }

    [WolverinePost(EventsRoute, OperationId = "EpcisCaptureEvent"), Tags("EPCIS capture"), Authorize(Roles = Roles.LotWriters)]
    [StreamedRequestBody("application/ld+json", "One EPCIS 2.0 event (a JSON object, each property named once); application/json is taken too.")]
    [ProducesResponseType<CaptureJobAnswer>(StatusCodes.Status201Created, "application/json", Description = "The event, stored at Location.")]
    [ProducesResponseType<CaptureJobAnswer>(StatusCodes.Status200OK, "application/json", Description = "The event was already captured: it stays as the first capture left it.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, RegistryAnswersPolicy.ProblemJson, Description = "`malformed-document`, the schema's verdict, or a field the operation refuses (epcisException:ValidationException).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "A rule of the operation the event maps to (epcisException:ValidationException).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, RegistryAnswersPolicy.ProblemJson, Description = "`unsupported-media-type`: application/ld+json or application/json.")]
    public static async Task<IResult> CaptureOne(HttpContext http, ClaimsPrincipal user, CaptureIntake intake, EpcisRules rules)
    {
        if (Refusal(http, rules) is { } refused) return refused;
        if (await ReadEventAsync(http) is not { } e)
            return EpcisProblems.Result(StatusCodes.Status400BadRequest, "ValidationException", "malformed-document",
                "POST /epcis/events takes one EPCIS event: a JSON object, each property named once.");
        var (job, eventId, refusal) = await intake.CaptureOneAsync(e, user, http.RequestAborted);
        if (refusal is not null) return refusal;
        var location = $"{EventsRoute}/{Uri.EscapeDataString(eventId!)}";
        if (job!.Errors is [var error, ..])
            return EpcisProblems.Result(error.Status, "ValidationException", error.Code, error.Message);
        http.Response.Headers.Location = location;
        // A duplicate is no error: the event is there, as the first capture left it.
        return job.Duplicates > 0 ? Results.Ok(CaptureJobAnswer.Of(job)) : Results.Created(location, CaptureJobAnswer.Of(job));
    }

    [WolverineGet(Route + "/{captureId}", OperationId = "EpcisCaptureJob"), Tags("EPCIS capture"), Authorize]
    [ProducesResponseType<CaptureJobAnswer>(StatusCodes.Status200OK, "application/json", Description = "The capture job.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, RegistryAnswersPolicy.ProblemJson, Description = "`capture-job-not-found`: no such job of the caller's.")]
    public static async Task<IResult> Job(string captureId, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var job = Guid.TryParse(captureId, out var id) ? await session.LoadAsync<CaptureJob>(id, cancellation) : null;
        // Another organization's job is answered as a missing one.
        return job is not null && job.OrganizationId == user.OrganizationId()
            ? Results.Ok(CaptureJobAnswer.Of(job))
            : EpcisProblems.Result(StatusCodes.Status404NotFound, "NoSuchResourceException", "capture-job-not-found",
                $"No capture job {captureId} of yours.");
    }

    /// <summary>The caller's jobs, newest first, a page at a time (<c>nextPageToken</c> says how many came before).</summary>
    [WolverineGet(Route, OperationId = "EpcisCaptureJobs"), Tags("EPCIS capture"), Authorize]
    [ProducesResponseType<CaptureJobPage>(StatusCodes.Status200OK, "application/json", Description = "The caller's jobs, newest first; a Link header names the next page.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, RegistryAnswersPolicy.ProblemJson, Description = "`epcis-query-parameter`: a nextPageToken this registry did not give.")]
    public static async Task<IResult> Jobs(
        HttpContext http, ClaimsPrincipal user, IQuerySession session, int? perPage, string? nextPageToken, CancellationToken cancellation)
    {
        var size = Math.Clamp(perPage ?? 30, 1, MaxPerPage);
        var skip = 0;
        if (nextPageToken is not null && (!int.TryParse(nextPageToken, out skip) || skip < 0))
            return EpcisProblems.Result(StatusCodes.Status400BadRequest, "QueryParameterException", "epcis-query-parameter",
                "nextPageToken is not one this registry gave.");
        var me = user.OrganizationId();
        var jobs = await session.Query<CaptureJob>().Where(j => j.OrganizationId == me)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Skip(skip).Take(size + 1).ToListAsync(cancellation);
        if (jobs.Count > size)
            http.Response.Headers.Link = $"<{Route}?perPage={size}&nextPageToken={skip + size}>; rel=\"next\"";
        return Results.Ok(new { type = "Collection", member = jobs.Take(size).Select(CaptureJobAnswer.Of) });
    }

    /// <summary>The body (read and checked as JSON text by the body gate) as one object; null when it is none.</summary>
    private static async Task<JsonObject?> ReadEventAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false },
                cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult? Refusal(HttpContext http, EpcisRules rules)
    {
        if (!RequestBodyGate.IsJson(http.Request.ContentType))
            return EpcisProblems.Result(StatusCodes.Status415UnsupportedMediaType, "ValidationException", "unsupported-media-type",
                "EPCIS documents are application/ld+json or application/json.");
        return rules.Available ? null
            : EpcisProblems.Result(StatusCodes.Status503ServiceUnavailable, "ImplementationException", "epcis-schema-missing",
                "The registry has no GS1 EPCIS JSON Schema configured (Registry:Epcis:JsonSchemaFile), so it captures nothing.");
    }

    private static CaptureErrorBehaviour? Behaviour(HttpContext http) =>
        http.Request.Headers[BehaviourHeader].ToString().Trim().ToLowerInvariant() switch
        {
            "" or "rollback" => CaptureErrorBehaviour.Rollback,
            "proceed" => CaptureErrorBehaviour.Proceed,
            _ => null,
        };
}

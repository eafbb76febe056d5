using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Reads;
using Wolverine.Http;

namespace Registry.Api.Epcis.Querying;

/// <summary>
/// The EPCIS 2.0 query routes (epcis.md): <c>GET /epcis/events</c> (SimpleEventQuery, keyset-paged with
/// <c>nextPageToken</c> and <c>Link: rel="next"</c>), one event by eventID or Event Hash ID, and GS1's top-level
/// resources. Any organization with a key reads; each sees only the events <see cref="EpcisViewer"/> allows it, and an
/// event it may not see answers exactly as one that does not exist.
/// </summary>
public static class EpcisQueryEndpoints
{
    /// <summary>What a read record names as the field of reads through the EPCIS query interface.</summary>
    public const string EpcisReadField = "epcis";

    [WolverineGet("/epcis/events"), Authorize]
    public static Task Events(HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time) =>
        AnswerQueryAsync(http, user, queries, time, null, null);

    [WolverineGet("/epcis/events/{eventID}"), Authorize]
    public static async Task<IResult> Event(
        string eventID, HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time, LotReadRecorder reads)
    {
        var id = Segment(http, 0, eventID);
        if (await queries.FindAsync(id, EpcisViewer.Of(user, time), http.RequestAborted) is not { } row)
            return Problems.Result(EpcisProblems.NoSuchEvent());
        reads.Record(user, row.LotIds, EpcisReadField, time.GetUtcNow());
        return Results.Text(EpcisQueryDocuments.Event(row).ToJsonString(), ContentType(http));
    }

    /// <summary>The five EPCIS 2.0 event types: the standard list (any of them may be captured), not the types
    /// present, so that the answer is the same for every caller and costs no scan.</summary>
    [WolverineGet("/epcis/eventTypes"), Authorize]
    public static IResult EventTypes(HttpContext http) => Collection(http, CbvValues.EventTypes);

    /// <summary>The CBV 2.0 business steps (standard list; custom URIs captured are queryable but not listed).</summary>
    [WolverineGet("/epcis/bizSteps"), Authorize]
    public static IResult BizSteps(HttpContext http) => Collection(http, CbvValues.BizSteps);

    /// <summary>The CBV 2.0 dispositions (standard list; custom URIs captured are queryable but not listed).</summary>
    [WolverineGet("/epcis/dispositions"), Authorize]
    public static IResult Dispositions(HttpContext http) => Collection(http, CbvValues.Dispositions);

    /// <summary>The events naming the EPC in epcList or childEPCs: <c>MATCH_epc</c>, with the other parameters.</summary>
    [WolverineGet("/epcis/epcs/{epc}/events"), Authorize]
    public static Task EpcEvents(string epc, HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time) =>
        AnswerQueryAsync(http, user, queries, time, "MATCH_epc", Segment(http, 1, epc));

    [WolverineGet("/epcis/eventTypes/{eventType}/events"), Authorize]
    public static Task EventTypeEvents(string eventType, HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time) =>
        AnswerQueryAsync(http, user, queries, time, "eventType", Segment(http, 1, eventType));

    [WolverineGet("/epcis/bizSteps/{bizStep}/events"), Authorize]
    public static Task BizStepEvents(string bizStep, HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time) =>
        AnswerQueryAsync(http, user, queries, time, "EQ_bizStep", Segment(http, 1, bizStep));

    [WolverineGet("/epcis/dispositions/{disposition}/events"), Authorize]
    public static Task DispositionEvents(string disposition, HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time) =>
        AnswerQueryAsync(http, user, queries, time, "EQ_disposition", Segment(http, 1, disposition));

    /// <param name="pathParameter">The query parameter a top-level resource's path gives (then not allowed in the
    /// query string too), with its value.</param>
    private static async Task AnswerQueryAsync(
        HttpContext http, ClaimsPrincipal user, EpcisEventQueries queries, TimeProvider time, string? pathParameter, string? pathValue)
    {
        var parameters = http.Request.Query;
        if (pathParameter is not null)
        {
            if (parameters.ContainsKey(pathParameter))
            {
                await Problems.Write(http, EpcisProblems.QueryParameter(new(pathParameter, $"{pathParameter} is given by this route's path.")));
                return;
            }
            parameters = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(parameters)
            {
                [pathParameter] = pathValue,
            });
        }
        var (query, problem) = EpcisQueryParameters.Parse(parameters);
        if (problem is not null)
        {
            await Problems.Write(http, EpcisProblems.QueryParameter(problem));
            return;
        }

        EpcisEventPage page;
        try
        {
            page = await queries.QueryAsync(query!, EpcisViewer.Of(user, time), http.RequestAborted);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled && !http.RequestAborted.IsCancellationRequested)
        {
            await Problems.Write(http, EpcisProblems.QueryTooComplex());
            return;
        }

        http.RequestServices.GetRequiredService<LotReadRecorder>()
            .Record(user, page.Events.SelectMany(e => e.LotIds).Distinct(), EpcisReadField, time.GetUtcNow());
        if (page.Next is { } next) http.Response.Headers.Link = $"<{NextPageLink(http, next)}>; rel=\"next\"";
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ContentType(http);
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter))
            EpcisQueryDocuments.WriteQueryDocument(json, page.Events, time.GetUtcNow());
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>This request's path and parameters (a path's parameter stays in the path), the token replaced.</summary>
    private static string NextPageLink(HttpContext http, PageToken next)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = string.IsNullOrEmpty(raw) || raw[0] != '/'
            ? (http.Request.PathBase + http.Request.Path).ToUriComponent()
            : raw.Split('?', 2)[0];
        var query = QueryString.Create(http.Request.Query
            .Where(p => p.Key != EpcisQueryParameters.NextPageToken)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create(EpcisQueryParameters.NextPageToken, (string?)next.Encode())));
        return path + query.ToUriComponent();
    }

    /// <summary>
    /// A path segment as the client encoded it, decoded once: identifiers hold '/' (Digital Link URIs, Event Hash IDs),
    /// which the server's path decoding leaves as %2F in <paramref name="routeValue"/>. <paramref name="fromEnd"/> 0 is
    /// the last segment of the request target; without a raw target (a test server), the route value's %2F are decoded.
    /// </summary>
    private static string Segment(HttpContext http, int fromEnd, string routeValue)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var segments = string.IsNullOrEmpty(raw) || raw[0] != '/' ? [] : raw.Split('?', 2)[0].Split('/');
        return segments.Length > fromEnd + 1
            ? Uri.UnescapeDataString(segments[^(fromEnd + 1)])
            : routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Collection(HttpContext http, IEnumerable<string> members) =>
        Results.Text(EpcisQueryDocuments.Collection(members).ToJsonString(), ContentType(http));

    /// <summary>JSON-LD, unless the client asks for plain JSON only.</summary>
    private static string ContentType(HttpContext http)
    {
        var accept = http.Request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) &&
               !accept.Contains(EpcisQueryDocuments.JsonLd, StringComparison.OrdinalIgnoreCase)
            ? "application/json; charset=utf-8"
            : EpcisQueryDocuments.JsonLd + "; charset=utf-8";
    }
}

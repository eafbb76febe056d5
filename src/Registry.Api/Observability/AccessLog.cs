using System.Diagnostics;
using Wolverine.Http;

namespace Registry.Api.Observability;

/// <summary>
/// One information line per request, whatever its answer: method, path (never the query string, which may hold a
/// GraphQL document), status, elapsed time and trace id. A refusal (4xx) is this line alone, without a stack trace;
/// a server error also gets ErrorHandlingMiddleware's error entry. It sees every answer, so it counts the REST commands too.
/// </summary>
public sealed class AccessLog(RequestDelegate next, ILogger<AccessLog> logger, RegistryMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var escaped = false;
        try
        {
            await next(http);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            // An exception nobody answered becomes a 500 on the way out, unless the answer had begun.
            var status = escaped && !http.Response.HasStarted ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
            logger.LogInformation("{Method} {Path} answered {Status} in {ElapsedMs:0.0} ms, trace {TraceId}", http.Request.Method,
                (http.Request.PathBase + http.Request.Path).ToString(), status, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Activity.Current?.TraceId.ToString());
            if (!HttpMethods.IsGet(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.OperationId is { } operation)
                metrics.CommandAnswered(operation, status);
        }
    }
}

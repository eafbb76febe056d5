using Registry.Api.Imports;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Lets a few single writes (POSTs under /api) run at once and queues the rest in arrival order. Dozens of
/// concurrent transactions on a few cores only take turns (PostgreSQL backends and the API alike): admitting
/// fewer keeps the throughput up and the waits fair (docs/benchmarks.md). Imports batch their own lines and
/// GraphQL reads are not counted; unauthenticated requests (answered 401) never hold a place. A refused write's
/// idempotency lookup runs inside it, as part of the write.
/// </summary>
public sealed class WriteConcurrencyLimit(RequestDelegate next, IConfiguration configuration)
{
    public const string Setting = "Registry:MaxConcurrentWrites";
    private readonly SemaphoreSlim permits = new(configuration.GetValue(Setting, 2 * Environment.ProcessorCount));

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api") ||
            http.User.Identity?.IsAuthenticated != true || ImportEndpoint.Handles(http.Request))
        {
            await next(http);
            return;
        }
        await permits.WaitAsync(http.RequestAborted);
        try
        {
            await next(http);
        }
        finally
        {
            permits.Release();
        }
    }
}

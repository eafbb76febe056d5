using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Registry.Api.Auth;
using Registry.Api.Imports;

namespace Registry.Api.Infrastructure;

/// <summary>
/// What one organization may ask of the registry at once, by ASP.NET Core's rate limiter, so no company can starve
/// the others:
/// <list type="bullet">
/// <item>writes (POSTs under /api, an import counting once): a token bucket of <c>Registry:WriteRateLimit:Burst</c>
/// (10,000) refilled at <c>PerSecond</c> (5,000), five times what a process commits on 2 cores;</item>
/// <item>GraphQL requests running at once: <c>Registry:GraphQL:ConcurrentPerOrganization</c> (8), more queue
/// (<c>QueuedPerOrganization</c>, 32);</item>
/// <item>imports running at once: <c>Registry:Imports:ConcurrentPerOrganization</c> (4; an ERP sends one per core).</item>
/// </list>
/// Past a limit: 429 with Retry-After.
/// </summary>
public static class OrganizationLimits
{
    public static IServiceCollection AddOrganizationLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("Registry:WriteRateLimit:PerSecond", 5_000);
        var burst = configuration.GetValue("Registry:WriteRateLimit:Burst", 10_000);
        var queries = configuration.GetValue("Registry:GraphQL:ConcurrentPerOrganization", 8);
        var queued = configuration.GetValue("Registry:GraphQL:QueuedPerOrganization", 32);
        var imports = configuration.GetValue("Registry:Imports:ConcurrentPerOrganization", 4);

        var writes = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            IsOrganization(http) && HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/api")
                ? RateLimitPartition.GetTokenBucketLimiter(http.User.OrganizationId().ToString(), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
        var running = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            !IsOrganization(http) ? RateLimitPartition.GetNoLimiter("")
            : http.Request.Path.StartsWithSegments("/graphql")
                ? RateLimitPartition.GetConcurrencyLimiter($"graphql:{http.User.OrganizationId()}", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = queries, QueueLimit = queued, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
            : ImportEndpoint.Handles(http.Request)
                ? RateLimitPartition.GetConcurrencyLimiter($"import:{http.User.OrganizationId()}", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = imports, QueueLimit = 0,
                })
            : RateLimitPartition.GetNoLimiter(""));

        return services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.CreateChained(writes, running);
            limits.OnRejected = async (rejected, cancellation) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
                var (code, detail) = rejected.HttpContext.Request.Path.StartsWithSegments("/graphql")
                    ? ("too-many-queries", "This organization has as many GraphQL requests running and waiting as the registry admits; retry shortly.")
                    : ImportEndpoint.Handles(rejected.HttpContext.Request)
                        ? ("too-many-imports", "This organization already has as many imports running as the registry admits; retry when one ends.")
                        : ("too-many-writes", "This organization sends writes faster than the registry admits; slow down and retry.");
                await Problems.Write(rejected.HttpContext, Problems.Of(StatusCodes.Status429TooManyRequests, code, detail));
            };
        });
    }

    private static bool IsOrganization(HttpContext http) => http.User.Identity?.IsAuthenticated == true;
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Registry.Api.Auth;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Writes (POSTs under /api, an import counting once) per organization, by ASP.NET Core's rate limiter: a token
/// bucket of <c>Registry:WriteRateLimit:Burst</c> (10,000) refilled at <c>PerSecond</c> (5,000). Far above what one
/// process commits on the reference machine (about 1,000 a second, docs/benchmarks.md), so only a runaway client
/// meets it, with 429 and Retry-After, and it cannot starve the other companies.
/// </summary>
public static class WriteRateLimit
{
    public static IServiceCollection AddWriteRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("Registry:WriteRateLimit:PerSecond", 5_000);
        var burst = configuration.GetValue("Registry:WriteRateLimit:Burst", 10_000);
        return services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/api") &&
                http.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetTokenBucketLimiter(http.User.OrganizationId().ToString(), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0, AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            limits.OnRejected = async (rejected, cancellation) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
                await Problems.Write(rejected.HttpContext, Problems.Of(StatusCodes.Status429TooManyRequests, "too-many-writes",
                    "This organization sends writes faster than the registry admits; slow down and retry."));
            };
        });
    }
}

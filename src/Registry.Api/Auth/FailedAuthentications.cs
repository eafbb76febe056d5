using System.Threading.RateLimiting;

namespace Registry.Api.Auth;

/// <summary>
/// Failed authentications per client address (<c>Registry:FailedAuthentications:PermitLimit</c> per
/// <c>WindowSeconds</c>, 30 a minute): past them, unknown keys from that address are refused with 429 without a
/// database lookup, so guessing keys costs the registry nothing. Valid keys already cached still work.
/// </summary>
public sealed class FailedAuthentications(IConfiguration configuration) : IDisposable
{
    private readonly TimeSpan window = WindowOf(configuration);
    private readonly PartitionedRateLimiter<string> limiter =
        Create(configuration.GetValue("Registry:FailedAuthentications:PermitLimit", 30), WindowOf(configuration));

    /// <summary>How long the address must wait before another unknown key is looked up, or null.</summary>
    public TimeSpan? Blocked(string address) =>
        limiter.GetStatistics(address) is { CurrentAvailablePermits: <= 0 } ? window : null;

    public void Record(string address) => limiter.AttemptAcquire(address).Dispose();

    public void Dispose() => limiter.Dispose();

    private static TimeSpan WindowOf(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Registry:FailedAuthentications:WindowSeconds", 60));

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
}

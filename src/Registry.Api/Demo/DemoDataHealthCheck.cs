using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Api.Demo;

/// <summary>Development only: Degraded until the demo dataset is in place, so that a script waiting for "Healthy"
/// reads the demo figures, not half of them.</summary>
public sealed class DemoDataHealthCheck(DemoData demo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(demo.Seeded.Status switch
        {
            TaskStatus.RanToCompletion => HealthCheckResult.Healthy("The demo data is in place."),
            TaskStatus.Faulted or TaskStatus.Canceled => HealthCheckResult.Degraded("The demo data could not be recorded; see the log."),
            _ => HealthCheckResult.Degraded("The demo data is still being recorded."),
        });
}

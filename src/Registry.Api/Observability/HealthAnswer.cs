using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Api.Observability;

/// <summary>
/// <c>/health/ready</c>'s body: the overall status and every check with its reason, so a Degraded or Unhealthy
/// answer says why without the log. The status code stays the framework's: 200 Healthy or Degraded, 503 Unhealthy.
/// Exceptions are left out: their messages may name the server's insides.
/// </summary>
public static class HealthAnswer
{
    public static Task WriteAsync(HttpContext http, HealthReport report) => http.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
        checks = report.Entries.Select(entry => new
        {
            name = entry.Key,
            status = entry.Value.Status.ToString(),
            description = entry.Value.Description,
            durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
            data = entry.Value.Data.Count > 0 ? entry.Value.Data : null,
        }),
    });
}

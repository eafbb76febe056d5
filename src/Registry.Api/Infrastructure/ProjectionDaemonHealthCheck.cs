using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Projections.Kpis;
using Registry.Projections.SupplyRisk;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Ready when the async projections (KPI and supply-risk facts) keep up: their progress (kept in PostgreSQL by
/// whichever process runs the daemon) is at most <c>Registry:MaxProjectionLag</c> events behind the newest event.
/// Further behind it is Degraded (writes work, analytics are late); a daemon of this process that stopped or
/// paused a shard it holds, or a projection that never started while events exist, is Unhealthy.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store, IConfiguration configuration, IServiceProvider services)
    : IHealthCheck
{
    public static readonly IReadOnlyList<string> Shards = [$"{KpiFactsProjection.Name}:All", $"{SupplyFactsProjection.Name}:All"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation)
    {
        var mode = ProjectionDistribution.Mode(configuration);
        if (mode != DaemonMode.Disabled
            && services.GetService<IProjectionCoordinator>()?.DaemonForMainDatabase() is { } daemon
            && Halted(daemon, mode) is { } halted)
            return HealthCheckResult.Unhealthy($"The projection daemon has {daemon.StatusFor(halted)} {halted}.");

        var newest = await store.Storage.Database.FetchHighestEventSequenceNumber(cancellation);
        var progress = (await store.Advanced.AllProjectionProgress(token: cancellation)).ToDictionary(s => s.ShardName, s => s.Sequence);
        var lags = new Dictionary<string, object>();
        foreach (var shard in Shards)
        {
            if (progress.TryGetValue(shard, out var sequence)) lags[shard] = newest - sequence;
            else if (newest > 0) return HealthCheckResult.Unhealthy($"{shard} has not started; {newest} events wait.");
        }
        var maxLag = configuration.GetValue("Registry:MaxProjectionLag", 1000L);
        var late = lags.Where(l => (long)l.Value > maxLag).Select(l => $"{l.Key} is {l.Value} events behind").ToList();
        return late.Count == 0
            ? HealthCheckResult.Healthy("Async projections keep up.", lags)
            : HealthCheckResult.Degraded($"{string.Join("; ", late)}: analytics are late.", data: lags);
    }

    /// <summary>
    /// A shard this process's daemon stopped or paused. Under HotCold the shards are this process's only while it
    /// runs any agent (the elected process runs them all; a stopped agent leaves the running list): a process
    /// another one projects for is cold, and healthy.
    /// </summary>
    private static string? Halted(IProjectionDaemon daemon, DaemonMode mode) =>
        mode == DaemonMode.HotCold && !daemon.CurrentAgents().Any()
            ? null
            : Shards.FirstOrDefault(shard => daemon.StatusFor(shard) is AgentStatus.Stopped or AgentStatus.Paused);
}

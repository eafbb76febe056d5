using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Registry.Projections.Kpis;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Ready when the KPI projection keeps up: its progress (kept in PostgreSQL by whichever process runs the
/// daemon) is at most <c>Registry:MaxProjectionLag</c> events behind the newest event. Further behind it is
/// Degraded (writes work, KPIs are late); a daemon of this process that stopped or paused the shard, or a
/// projection that never started while events exist, is Unhealthy.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store, IConfiguration configuration, IServiceProvider services)
    : IHealthCheck
{
    private const string Shard = $"{KpiFactsProjection.Name}:All";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation)
    {
        if (configuration.GetValue("Registry:ProjectionDaemon", DaemonMode.Solo) != DaemonMode.Disabled
            && services.GetService<IProjectionCoordinator>()?.DaemonForMainDatabase() is { } daemon
            && daemon.StatusFor(Shard) is AgentStatus.Stopped or AgentStatus.Paused)
            return HealthCheckResult.Unhealthy($"The projection daemon has {daemon.StatusFor(Shard)} {Shard}.");

        var newest = await store.Storage.Database.FetchHighestEventSequenceNumber(cancellation);
        var progress = (await store.Advanced.AllProjectionProgress(token: cancellation))
            .FirstOrDefault(s => s.ShardName == Shard)?.Sequence;
        if (progress is null)
            return newest == 0
                ? HealthCheckResult.Healthy("No events yet.")
                : HealthCheckResult.Unhealthy($"{Shard} has not started; {newest} events wait.");

        var lag = newest - progress.Value;
        var data = new Dictionary<string, object> { ["shard"] = Shard, ["lagEvents"] = lag };
        return lag <= configuration.GetValue("Registry:MaxProjectionLag", 1000L)
            ? HealthCheckResult.Healthy($"{Shard} is {lag} events behind.", data)
            : HealthCheckResult.Degraded($"{Shard} is {lag} events behind: KPIs are late.", data: data);
    }
}

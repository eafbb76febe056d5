using JasperFx.Events.Daemon;
using Marten;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Which API process runs the async projections (KPI and supply facts). HotCold by default: every process may,
/// each projection runs in one at a time (Marten takes a PostgreSQL advisory lock per projection, so two
/// projections may run in different processes), and when that process dies its session ends, the lock is freed
/// and another process takes the projection on within a few seconds (docs/adr/0018-more-than-one-node.md).
/// <c>Registry:ProjectionDaemon</c> overrides it: <c>Solo</c> (no election), <c>Disabled</c> (this process never projects).
/// </summary>
public static class ProjectionDistribution
{
    public const string Setting = "Registry:ProjectionDaemon";

    /// <summary>How often a process without a projection tries for its lock: the bound on a takeover after a crash.</summary>
    public static readonly TimeSpan LeadershipPolling = TimeSpan.FromSeconds(1);

    public static DaemonMode Mode(IConfiguration configuration) => configuration.GetValue(Setting, DaemonMode.HotCold);

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddRegistryDaemon(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration) =>
        marten.AddAsyncDaemon(Mode(configuration));

    public static void TakeOverQuickly(this StoreOptions opts)
    {
        opts.Projections.LeadershipPollingTime = (int)LeadershipPolling.TotalMilliseconds;
        // A running projection that stopped (an error, a lost lock) is looked at and restarted this often.
        opts.Projections.HealthCheckPollingTime = TimeSpan.FromSeconds(1);
    }
}

using System.Diagnostics.Metrics;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.Observability;

/// <summary>
/// <c>registry.projection.lag</c>: per async projection shard (those <c>/health/ready</c> watches), how many events it is behind the newest (the figure
/// <c>/health/ready</c> judges). Read from PostgreSQL when scraped, so it is true whichever process runs the daemon;
/// a few seconds' cache keeps frequent or parallel scrapes to one cheap query.
/// </summary>
public sealed class ProjectionLag
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    /// <summary>A shard that has not started yet is behind by every event.</summary>
    private const string Sql = $"""
        select shard.name, (select coalesce(max(seq_id), 0) from {MartenSetup.Schema}.mt_events) - coalesce(p.last_seq_id, 0)
        from unnest($1::text[]) shard(name) left join {MartenSetup.Schema}.mt_event_progression p on p.name = shard.name
        """;
    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger<ProjectionLag> logger;
    private readonly Lock gate = new();
    private (DateTime At, Measurement<long>[] Lags) cached = (DateTime.MinValue, []);

    public ProjectionLag(IMeterFactory meters, NpgsqlDataSource dataSource, ILogger<ProjectionLag> logger)
    {
        (this.dataSource, this.logger) = (dataSource, logger);
        meters.Create(RegistryMetrics.MeterName).CreateObservableGauge("registry.projection.lag", Read, "{event}",
            "Events an async projection shard is behind the newest event.");
    }

    private IEnumerable<Measurement<long>> Read()
    {
        lock (gate)
        {
            if (DateTime.UtcNow - cached.At < CacheFor) return cached.Lags;
            try
            {
                cached = (DateTime.UtcNow, Query());
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // A scrape during an outage reports no lag rather than failing the whole scrape; health says why.
                logger.LogWarning("Projection lag not read: {Reason}", exception.Message);
                cached = (DateTime.UtcNow, []);
            }
            return cached.Lags;
        }
    }

    private Measurement<long>[] Query()
    {
        using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ProjectionDaemonHealthCheck.Shards.ToArray() });
        command.CommandTimeout = 2;
        using var reader = command.ExecuteReader();
        var lags = new List<Measurement<long>>();
        while (reader.Read())
            lags.Add(new(Math.Max(0, reader.GetInt64(1)), new KeyValuePair<string, object?>("shard", reader.GetString(0))));
        return [.. lags];
    }
}

namespace Registry.Api.Integrity;

/// <summary>Keeps the registry chain a moment behind the writes and signs a checkpoint every
/// <see cref="IntegritySettings.CheckpointInterval"/> that saw new events.</summary>
public sealed class ChainKeeper(ChainLinks links, IntegritySettings settings, TimeProvider clock, ILogger<ChainKeeper> log) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCheckpoint = clock.GetUtcNow() + settings.CheckpointInterval;
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (clock.GetUtcNow() < nextCheckpoint) await links.ExtendAsync(stoppingToken);
                else
                {
                    await links.CheckpointAsync(stoppingToken);
                    nextCheckpoint = clock.GetUtcNow() + settings.CheckpointInterval;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment: the chain catches up at a later tick.
                log.LogWarning(e, "The registry chain could not be extended; retrying");
            }
        }
    }
}

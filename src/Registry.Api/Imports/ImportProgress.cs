using System.Diagnostics;
using Registry.Api.Observability;

namespace Registry.Api.Imports;

/// <summary>
/// What an import tells the operator: a log line when it starts, one every <see cref="EveryLines"/> lines or
/// <see cref="EverySeconds"/> seconds, and its summary with the rate; and the <c>registry.import.lines</c> counter.
/// </summary>
public sealed class ImportProgress(ILogger logger, RegistryMetrics metrics, Guid organizationId)
{
    public const int EveryLines = 5_000;
    public const int EverySeconds = 10;
    private readonly long started = Stopwatch.GetTimestamp();
    private long lastLogged = Stopwatch.GetTimestamp();
    private int linesLogged;

    public void Started() => logger.LogInformation("Import by organization {OrganizationId} started", organizationId);

    public void Applied(BatchResult batch, ImportTally tally)
    {
        var replayed = batch.Outcomes.Count(o => o.Replayed is true);
        var accepted = batch.Outcomes.Count(o => o.Succeeded) - replayed;
        metrics.ImportLines("accepted", accepted);
        metrics.ImportLines("replayed", replayed);
        metrics.ImportLines("refused", batch.Outcomes.Count - accepted - replayed);
        if (tally.Lines - linesLogged < EveryLines && Stopwatch.GetElapsedTime(lastLogged).TotalSeconds < EverySeconds) return;
        (linesLogged, lastLogged) = (tally.Lines, Stopwatch.GetTimestamp());
        logger.LogInformation("Import by organization {OrganizationId}: {Lines} lines so far, {LinesPerSecond:0} lines/s",
            organizationId, tally.Lines, PerSecond(tally.Lines));
    }

    public void Finished(ImportSummary summary) => logger.LogInformation(
        "Import by organization {OrganizationId} finished: {Lines} lines ({Succeeded} applied, {Replayed} replayed, " +
        "{Failed} refused), {Events} events in {ElapsedMs} ms, {LinesPerSecond:0} lines/s", organizationId, summary.Lines,
        summary.Succeeded, summary.Replayed, summary.Failed, summary.Events, summary.ElapsedMs, PerSecond(summary.Lines));

    private double PerSecond(int lines) => lines / Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, 0.001);
}

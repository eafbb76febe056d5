using System.Diagnostics.Metrics;

namespace Registry.Api.Observability;

/// <summary>
/// The registry's own instruments (meter <c>Registry</c>). Tags are bounded sets (operation names, outcomes, shard
/// names): never organization names, lot ids or numbers, which would leak through <c>/metrics</c> and explode its series.
/// </summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "Registry";
    private readonly Counter<long> commands, importLines, captureEvents;
    private readonly Histogram<double> queryCost;

    public RegistryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        commands = meter.CreateCounter<long>("registry.commands", "{command}", "REST commands answered, by operation and outcome.");
        importLines = meter.CreateCounter<long>("registry.import.lines", "{line}", "NDJSON import lines answered, by outcome.");
        captureEvents = meter.CreateCounter<long>("registry.capture.events", "{event}", "EPCIS events a capture job stored.");
        queryCost = meter.CreateHistogram<double>("registry.graphql.query_cost", "{cost}",
            "GraphQL complexity of each analysed query (QueryLimits.MaxComplexity refuses above it).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 100, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000] });
    }

    public void CommandAnswered(string operation, int status) =>
        commands.Add(1, new("operation", operation), new("outcome", Outcome(status)));

    /// <param name="outcome">accepted, replayed or refused.</param>
    public void ImportLines(string outcome, int count)
    {
        if (count > 0) importLines.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void CaptureEvents(int stored)
    {
        if (stored > 0) captureEvents.Add(stored);
    }

    public void QueryCost(double cost) => queryCost.Record(cost);

    /// <summary>accepted (2xx, 3xx), refused (4xx: the client's request), failed (5xx: the registry's).</summary>
    public static string Outcome(int status) => status switch
    {
        < 400 => "accepted",
        < 500 => "refused",
        _ => "failed",
    };
}

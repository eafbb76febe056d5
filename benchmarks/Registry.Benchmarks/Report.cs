using System.Globalization;
using System.Text;

namespace Registry.Benchmarks;

/// <summary>Collects the figures of a run and writes them as Markdown, each beside its baseline and target.</summary>
public sealed class Report(BenchmarkOptions options)
{
    private readonly List<string> import = [], projections = [], commands = [], queries = [], memory = [];
    private LatencyResult? graphQLBaseline;
    private readonly List<(string Name, int Lots, LatencyResult Result)> graphQL = [];

    public void Import(int lots, ImportResult result, double copyRate, long peakRss)
    {
        var serverMs = (double)(result.Phases.Load + result.Phases.Decide + result.Phases.Commit);
        import.Add($"| {lots:N0} | {options.ImportStreams} | {result.Lines:N0} | {result.Events:N0} | {result.Failed} | {result.Elapsed.TotalSeconds:N1} s | " +
                   $"{result.Phases.Load / serverMs:P0} / {result.Phases.Decide / serverMs:P0} / {result.Phases.Commit / serverMs:P0} | " +
                   $"{result.EventsPerSecond:N0} | {copyRate:N0} | {result.EventsPerSecond / copyRate:P0} | ≥ 50% | {Met(result.EventsPerSecond / copyRate >= 0.5)} |");
        memory.Add($"| import of {lots:N0} lots | {Mib(peakRss)} | < 1,024 MiB | {Met(peakRss < 1L << 30)} |");
        Console.WriteLine($"copy baseline: {copyRate:N0} events/s; peak API memory {Mib(peakRss)}");
    }

    public void CatchUp(int lots, long events, TimeSpan elapsed)
    {
        var rate = events / elapsed.TotalSeconds;
        projections.Add($"| catch-up after importing {lots:N0} lots | {events:N0} | {elapsed.TotalSeconds:N1} s | {rate:N0} | ≥ 10,000 | {Met(rate >= 10_000)} |");
        Console.WriteLine($"catch-up: {rate:N0} events/s");
    }

    public void Rebuild(int lots, long events, TimeSpan elapsed)
    {
        var rate = events / elapsed.TotalSeconds;
        projections.Add($"| full rebuild, {lots:N0} lots (process start included) | {events:N0} | {elapsed.TotalSeconds:N1} s | {rate:N0} | | |");
        Console.WriteLine($"rebuild: {rate:N0} events/s");
    }

    public void Commands(LatencyResult registrations, LatencyResult health)
    {
        commands.Add($"| {registrations.Clients} | {registrations.PerSecond:N0} | {Ms(registrations.P50Ms)} | {Ms(registrations.P99Ms)} | " +
                     $"{registrations.Failures} | {health.PerSecond:N0} | {Ms(health.P99Ms)} | {registrations.PerSecond / health.PerSecond:P1} | " +
                     (registrations.Clients == 32 ? $"≥ 1,000/s, p99 < 50 ms | {Met(registrations.PerSecond >= 1000 && registrations.P99Ms < 50)} |" : "| |"));
        Console.WriteLine($"commands x{registrations.Clients}: {registrations.PerSecond:N0}/s p50 {Ms(registrations.P50Ms)} p99 {Ms(registrations.P99Ms)}");
    }

    public void GraphQL(int lots, string name, LatencyResult result)
    {
        graphQL.Add((name, lots, result));
        Console.WriteLine($"{name}: p50 {Ms(result.P50Ms)} p99 {Ms(result.P99Ms)}");
    }

    public void GraphQLBaseline(LatencyResult result) => graphQLBaseline = result;

    public void GraphQLMemory(long peakRss) =>
        memory.Add($"| GraphQL queries | {Mib(peakRss)} | < 1,024 MiB | {Met(peakRss < 1L << 30)} |");

    public async Task WriteAsync(string postgresVersion)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine($"Produced by `{options.Command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, " +
                        $"{MemTotal()} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
                        $"PostgreSQL {postgresVersion} (local, default settings). The API runs as its Release build in its own process on Kestrel; " +
                        "the driver runs beside it on the same cores. Ratios compare with a baseline measured in the same run, " +
                        "so they travel between machines better than the absolute figures.").AppendLine();

        text.AppendLine("## 1. Bulk import against PostgreSQL's own limit").AppendLine();
        text.AppendLine("Events per second through `POST /api/imports` (generated dataset, maker's file then recycler's, async daemon off), " +
                        "beside binary `COPY` of as many rows, with the import's payloads, into a table shaped like `mt_events` (10,000 rows per COPY). " +
                        "Each file goes as `imports at once` requests side by side, each with whole chains (they share no lots), as an ERP " +
                        "with several cores would send it. Load / decide / commit: how the server's batch time splits between loading " +
                        "the lots the lines name, deciding the lines and committing.").AppendLine();
        text.AppendLine("| lots | imports at once | lines | events | refused | time | load / decide / commit | import events/s | COPY events/s | import / COPY | target | met |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        import.ForEach(line => text.AppendLine(line));

        text.AppendLine().AppendLine("## 2. Single commands over HTTP").AppendLine();
        text.AppendLine($"`POST /api/lots` (each with an Idempotency-Key) for {options.CommandDuration.TotalSeconds:N0} s per level, closed loop, " +
                        "beside `GET /health/live` at the same concurrency (the HTTP floor of this machine and server).").AppendLine();
        text.AppendLine("| clients | commands/s | p50 | p99 | failures | baseline req/s | baseline p99 | commands / baseline | target | met |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        commands.ForEach(line => text.AppendLine(line));

        text.AppendLine().AppendLine("## 3. GraphQL latency").AppendLine();
        text.AppendLine($"One client, one query after another for {options.QueryDuration.TotalSeconds:N0} s each (after 2 s of warm-up), as a ministry, " +
                        "over the largest registry, caught up and `vacuum analyze`d as after any bulk load; " +
                        $"baseline `{{ __typename }}` p50 {Ms(graphQLBaseline?.P50Ms)} / p99 {Ms(graphQLBaseline?.P99Ms)}.").AppendLine();
        text.AppendLine("| query | lots | answers | p50 | p99 | p99 / baseline p99 | target | met |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var (name, lots, result) in graphQL)
        {
            var target = name == "lot" ? 5 : name.StartsWith("trace") ? 50 : 10;
            text.AppendLine($"| `{name}` | {lots:N0} | {result.Requests:N0} | {Ms(result.P50Ms)} | {Ms(result.P99Ms)} | " +
                            $"{result.P99Ms / (graphQLBaseline?.P99Ms ?? double.NaN):N1}× | p99 < {target} ms | {Met(result.P99Ms < target && result.Failures == 0)} |");
        }

        text.AppendLine().AppendLine("## 4. Async projections").AppendLine();
        text.AppendLine("Catch-up: the API starts with the daemon behind every imported event; time until both async projections " +
                        "(KPI facts, supply facts) reach the last one. Rebuild: `projections rebuild --shard-timeout 60m` of every projection, API stopped.").AppendLine();
        text.AppendLine("| run | events | time | events/s | target | met |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        projections.ForEach(line => text.AppendLine(line));

        text.AppendLine().AppendLine("## 5. Peak API memory (resident set)").AppendLine();
        text.AppendLine("| during | peak RSS | target | met |");
        text.AppendLine("|---|---:|---|---|");
        memory.ForEach(line => text.AppendLine(line));
        await File.WriteAllTextAsync(options.Output, text.ToString());
    }

    private static string Met(bool met) => met ? "yes" : "**no**";
    private static string Ms(double? ms) => ms is { } v ? v.ToString("N1", CultureInfo.InvariantCulture) + " ms" : "–";
    private static string Mib(long bytes) => $"{bytes / (1024 * 1024):N0} MiB";

    private static string MemTotal()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:"));
        return $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / (1024 * 1024):N0} GiB";
    }
}

using System.Globalization;
using System.Text;

namespace Registry.Benchmarks;

/// <summary>Collects the figures of a run and writes them as Markdown, each beside its baseline and target.</summary>
public sealed class Report(BenchmarkOptions options)
{
    private readonly List<string> import = [], projections = [], commands = [], queries = [], memory = [];
    private LatencyResult? graphQLBaseline;
    private readonly List<(string Name, int Lots, LatencyResult Result)> graphQL = [];
    private readonly List<string> capture = [], epcisQueries = [], chainCost = [], twoNodes = [];
    private (double Rate, long Events) epcisCopy = (double.NaN, 0);
    private EpcisQueries.Fill? epcisFill;

    public void EpcisCopyBaseline(double rate, long events)
    {
        epcisCopy = (rate, events);
        Console.WriteLine($"copy baseline for EPCIS: {rate:N0} events/s ({events:N0} rows)");
    }

    /// <summary>FasTnT's figures (the issue): 85 events/s with 1-event documents, ~2,200/s with 100-event documents, from
    /// 4 clients, 0.1 % and 3 % of COPY on its machine.</summary>
    public void Capture(CaptureResult result, double copyRate, bool observations = false)
    {
        var ratio = result.EventsPerSecond / copyRate;
        var (reference, target, met) = (result.Shape.Events, result.Clients) switch
        {
            _ when observations => ("", "(diagnostic: observations, no lot change)", ""),
            (1, 4) => ("85/s, 0.1 %", "≥ 2%", Met(ratio >= 0.02)),
            (1, _) => ("", "", ""),
            (100, 4) => ("~2,200/s, 3 %", "", ""),
            (>= 10_000, _) => ("", "≥ 25%", Met(ratio >= 0.25)),
            _ => ("", "", ""),
        };
        var split = result.JobMs > 0
            ? $"{result.PostMs / result.Documents / 1000:N1} s / {result.JobMs / result.Documents / 1000:N1} s"
            : $"{result.PostMs / result.Documents:N1} ms";
        capture.Add($"| {result.Shape.Events:N0} | {result.Clients} | {result.Documents:N0} | {result.Events:N0} | {result.Elapsed.TotalSeconds:N1} s | " +
                    $"{split} | {result.EventsPerSecond:N0} | {copyRate:N0} | {ratio:P1} | {reference} | {target} | {met} |");
    }

    public void EpcisFill(EpcisQueries.Fill fill) => epcisFill = fill;

    /// <summary>FasTnT's MATCH_epcClass: p50 55 ms, p99 67 ms over 249,000 events.</summary>
    public void EpcisQuery(EpcisQueryResult result)
    {
        var reference = result.Name.StartsWith("MATCH_epcClass") ? "p50 55 ms, p99 67 ms (249,000 events)" : "";
        epcisQueries.Add($"| `{result.Name}` | {result.Viewer} | {result.TableEvents:N0} | {result.MeanMatched:N1} | {result.Latency.Requests:N0} | " +
                         $"{Ms(result.Latency.P50Ms)} | {Ms(result.Latency.P99Ms)} | {result.Latency.Failures} | {reference} | p99 < 20 ms | " +
                         $"{Met(result.Latency.P99Ms < 20 && result.Latency.Failures == 0)} |");
    }

    public void Import(int lots, ImportResult result, double copyRate, long peakRss)
    {
        var serverMs = (double)(result.Phases.Load + result.Phases.Decide + result.Phases.Commit);
        import.Add($"| {lots:N0} | {options.ImportStreams} | {result.Lines:N0} | {result.Events:N0} | {result.Failed} | {result.Elapsed.TotalSeconds:N1} s | " +
                   $"{result.Phases.Load / serverMs:P0} / {result.Phases.Decide / serverMs:P0} / {result.Phases.Commit / serverMs:P0} | " +
                   $"{result.EventsPerSecond:N0} | {copyRate:N0} | {result.EventsPerSecond / copyRate:P0} | ≥ 50% | {Met(result.EventsPerSecond / copyRate >= 0.5)} |");
        memory.Add($"| import of {lots:N0} lots | {Mib(peakRss)} | < 1,024 MiB | {Met(peakRss < 1L << 30)} |");
        Console.WriteLine($"copy baseline: {copyRate:N0} events/s; peak API memory {Mib(peakRss)}");
    }

    public void TwoNodes((LatencyResult One, LatencyResult Two) runs)
    {
        twoNodes.Clear();
        twoNodes.Add($"| one node, primary | {runs.One.Clients} | {runs.One.Requests:N0} | {runs.One.PerSecond:N0} | {runs.One.P50Ms:N1} ms | {runs.One.P99Ms:N1} ms | {runs.One.Failures} | 1.00 |");
        // Failed answers come fast: a run with any has no throughput to compare.
        var ratio = runs.One.Failures + runs.Two.Failures == 0 ? $"{runs.Two.PerSecond / runs.One.PerSecond:N2}" : "**failed**";
        twoNodes.Add($"| two nodes, GraphQL on the standby | {runs.Two.Clients} | {runs.Two.Requests:N0} | {runs.Two.PerSecond:N0} | {runs.Two.P50Ms:N1} ms | {runs.Two.P99Ms:N1} ms | {runs.Two.Failures} | " +
                     $"{ratio} |");
    }

    public void ChainCost(int lots, IReadOnlyList<ChainCost.Run> runs)
    {
        ChainCost.Run Best(bool hashing) => runs.Where(r => r.Hashing == hashing).MaxBy(r => r.Import.EventsPerSecond)!;
        double BestCommands(bool hashing) => runs.Where(r => r.Hashing == hashing).Max(r => r.Commands.PerSecond);
        var (off, on) = (Best(false), Best(true));
        foreach (var run in runs)
            chainCost.Add($"| {(run.Hashing ? "on" : "off")} | {lots:N0} | {run.Import.Events:N0} | {run.Import.EventsPerSecond:N0} | " +
                          $"{run.Commands.PerSecond:N0} | {run.Commands.P99Ms:N1} ms | {run.Import.Failed + run.Commands.Failures} |");
        var importCost = 1 - on.Import.EventsPerSecond / off.Import.EventsPerSecond;
        var commandCost = 1 - BestCommands(true) / BestCommands(false);
        chainCost.Add($"| **cost (best on vs best off)** | | | **{importCost:P1}** | **{commandCost:P1}** | | target < 10%: " +
                      $"{Met(importCost < 0.1 && commandCost < 0.1)} |");
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

    /// <param name="floor">The same rows written straight to the database at the same concurrency (<see cref="CommandFloor"/>).</param>
    public void Commands(LatencyResult registrations, LatencyResult health, LatencyResult floor)
    {
        var ratio = registrations.PerSecond / floor.PerSecond;
        commands.Add($"| {registrations.Clients} | {registrations.PerSecond:N0} | {Ms(registrations.P50Ms)} | {Ms(registrations.P99Ms)} | " +
                     $"{registrations.Failures} | {health.PerSecond:N0} | {Ms(health.P99Ms)} | {floor.PerSecond:N0} | {Ms(floor.P99Ms)} | {ratio:P0} | " +
                     (registrations.Clients == 32 ? $"≥ 50% of floor, p99 < 50 ms | {Met(ratio >= 0.5 && registrations.P99Ms < 50)} |" : "| |"));
        Console.WriteLine($"commands x{registrations.Clients}: {registrations.PerSecond:N0}/s p50 {Ms(registrations.P50Ms)} p99 {Ms(registrations.P99Ms)}; " +
                          $"floor {floor.PerSecond:N0}/s p99 {Ms(floor.P99Ms)}");
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
                        $"PostgreSQL {postgresVersion} (local, as `scripts/postgres.sh` starts it: default settings but `fsync` and `synchronous_commit` off, " +
                        "for the registry and its baselines alike). The API runs as its Release build in its own process on Kestrel; " +
                        "the driver runs beside it on the same cores. Ratios compare with a baseline measured in the same run, " +
                        "so they travel between machines better than the absolute figures.").AppendLine();

        if (options.Only != "epcis") WriteRegistrySections(text);
        WriteEpcisSections(text);
        if (chainCost.Count > 0) WriteChainCost(text);
        if (twoNodes.Count > 0) WriteTwoNodes(text);
        await File.WriteAllTextAsync(options.Output, text.ToString());
    }

    private void WriteEpcisSections(StringBuilder text)
    {
        text.AppendLine().AppendLine("## 6. EPCIS capture against PostgreSQL's own limit").AppendLine();
        text.AppendLine("Mass-flow events per second through `POST /epcis/capture` (`application/ld+json`, `rollback`): each event an ObjectEvent " +
                        "ADD, bizStep `commissioning`, of an LGTIN class of its own (the client's GTIN, lot = a counter) in KGM with the registry's " +
                        "ILMD (`cmr:category`, `cmr:material`, `cmr:composition`, `cbvmda:countryOfOrigin`), so every event registers a lot. " +
                        "Each client is an organization of its own with its own API key and sends its documents one after the other; " +
                        "a document of over 500 events is run by the background worker and polled (every 50 ms) until its job has finished, " +
                        "which counts in the time. Every job must answer `success`, `stored` = its events, no duplicates, no errors, or the bench fails. " +
                        $"COPY: the baseline of section 1 measured in the same run ({epcisCopy.Events:N0} rows of `mt_events` shape). " +
                        "POST / job: mean time answering a POST (spool, validate; for up to 500 events also the job, run inside the request) " +
                        "and, for worker-run documents, mean createdAt → finishedAt of their jobs. FasTnT: its figures from the issue, " +
                        "on its own machine (ratios to its COPY), for reference. The last row, a diagnostic, is no mass flow: one document of " +
                        "observations (ObjectEvent OBSERVE, inspecting) of lots the client holds, stored and changing no lot.").AppendLine();
        text.AppendLine("| events a document | clients | documents | events | time | POST / job | capture events/s | COPY events/s | capture / COPY | FasTnT (reference) | target | met |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        capture.ForEach(line => text.AppendLine(line));

        text.AppendLine().AppendLine("## 7. EPCIS query latency").AppendLine();
        var fill = epcisFill;
        text.AppendLine("`GET /epcis/events`, one client, one request after another (20 of warm-up, then " +
                        $"{options.EpcisRequests} each), as an admin (sees every event) and as a company, over `registry.epcis_events` " +
                        $"holding {fill?.Events ?? 0:N0} events. **{fill?.Generated ?? 0:N0} of these rows are SQL-generated** (the rest are section 6's captures) (`insert ... select generate_series`, " +
                        $"in {fill?.Elapsed.TotalSeconds ?? 0:N0} s, then `vacuum analyze`), not captured: shaped as captured events " +
                        $"(all columns and arrays the query side reads, documents of {fill?.MeanDocumentBytes ?? 0:N0} bytes on average), " +
                        $"{EpcisQueries.EventsPerClass} events per LGTIN class ({fill?.Classes ?? 0:N0} classes, 90 % ObjectEvents, 5 % " +
                        "AggregationEvents, 5 % TransformationEvents, which MATCH_epcClass does not match), each class owned by one of " +
                        $"{EpcisQueries.Organizations} organizations, one event in ten captured by the next one (a receiving partner), " +
                        $"times spread over {EpcisQueries.Days} days of 2025. The company is one of those organizations, a registered one " +
                        "holding real lots of its classes; it sees its own captures and its partners' events about its lots. " +
                        "A random class (of the company's, for the company) or a random day per request; each answer's size is checked.").AppendLine();
        text.AppendLine("| query | as | events in table | events an answer | answers | p50 | p99 | failures | FasTnT (reference) | target | met |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---|---|");
        epcisQueries.ForEach(line => text.AppendLine(line));
    }

    private void WriteTwoNodes(StringBuilder text)
    {
        text.AppendLine().AppendLine("## 9. One node against two and a standby").AppendLine();
        text.AppendLine($"The `lot` query of section 3 as a ministry, {Benchmarks.TwoNodes.Clients} clients in a closed loop for " +
                        $"{options.QueryDuration.TotalSeconds:N0} s (after 2 s of warm-up): first one API node on the primary, then two nodes " +
                        "(HotCold) whose GraphQL reads go to a streaming standby of the primary (`ConnectionStrings:RegistryReads`, " +
                        "prefer-standby), the clients split between them. On one machine all of it shares the same cores, so this shows " +
                        "the path works under load and what it costs here, not what separate machines would gain (docs/adr/0018).").AppendLine();
        text.AppendLine("| setup | clients | answers | answers/s | p50 | p99 | failures | throughput / one node |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        twoNodes.ForEach(line => text.AppendLine(line));
    }

    private void WriteChainCost(StringBuilder text)
    {
        text.AppendLine().AppendLine("## 8. What the hash chain costs").AppendLine();
        text.AppendLine("The same import and the same single commands (`POST /api/lots`, " + Benchmarks.ChainCost.Clients + " clients) on a fresh " +
                        "registry with the event-hash trigger off (`Registry:Integrity:HashEvents=false`) and on, alternated; the cost " +
                        "compares the best run of each (docs/adr/0013).").AppendLine();
        text.AppendLine("| hashing | lots | events | import events/s | commands/s | commands p99 | failures |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        chainCost.ForEach(line => text.AppendLine(line));
    }

    private void WriteRegistrySections(StringBuilder text)
    {
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
                        "beside `GET /health/live` at the same concurrency (the HTTP floor of this machine and server) and the database floor: " +
                        "the rows a `RegisterLot` writes (stream, event with its hash trigger, lot document, idempotency record) sent " +
                        "straight from Npgsql, one transaction per command, at the same concurrency.").AppendLine();
        text.AppendLine("| clients | commands/s | p50 | p99 | failures | HTTP floor req/s | HTTP floor p99 | database floor/s | database floor p99 | commands / database floor | target | met |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
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

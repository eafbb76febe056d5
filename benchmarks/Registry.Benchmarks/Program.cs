using System.Diagnostics;
using Registry.Benchmarks;
using Registry.Datasets;

// The benchmark suite (README, "Benchmarks"): imports generated datasets into a fresh registry, then measures
// catch-up, rebuild, single commands and GraphQL, each beside a baseline taken in the same run.
var options = BenchmarkOptions.Parse(args);
ApiProcess.EpcisSchemaFile = options.EpcisSchema;
var report = new Report(options);
if (options.Only == "epcis")
{
    // 6, 7 alone: a fresh registry and the COPY baseline of this run, then the EPCIS sections.
    Console.WriteLine($"== EPCIS only (COPY baseline of {options.CopyEvents:N0} rows)");
    await Database.ResetAsync(options.ConnectionString);
    await using (var api = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Disabled"))
    {
        var copyRate = await CopyBaseline.EventsPerSecondAsync(options.ConnectionString, options.CopyEvents, new Dataset(2000).Payloads());
        report.EpcisCopyBaseline(copyRate, options.CopyEvents);
        await EpcisSections.RunAsync(options, report, copyRate);
    }
    await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
    Console.WriteLine($"Wrote {options.Output}");
    return;
}
if (options.Only == "commands")
{
    // 2 alone, on a fresh registry with the daemon off: a quick before/after of the write path, and a process to profile.
    await Database.ResetAsync(options.ConnectionString);
    await using (var api = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Disabled"))
    {
        Console.WriteLine($"API process {api.Id}");
        await MeasureCommandsAsync((await Organizations.RegisterAsync(options.Url, 0)).MakerKey);
    }
    await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
    return;
}
var (lastCopyRate, lastCopyEvents) = (double.NaN, 0L);
foreach (var lots in options.Lots)
{
    var last = lots == options.Lots.Max();
    Console.WriteLine($"== {lots:N0} lots");
    await Database.ResetAsync(options.ConnectionString);
    var dataset = new Dataset(lots);

    // 1. Import, with the async daemon off so the import is measured alone; COPY of as many event rows beside it.
    long events;
    Organizations orgs;
    await using (var api = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Disabled"))
    {
        orgs = await Organizations.RegisterAsync(options.Url, lots);
        api.ResetPeak();
        var import = await Importer.RunAsync(options.Url, orgs, dataset.For(orgs), options.ImportStreams);
        events = import.Events;
        var copyRate = await CopyBaseline.EventsPerSecondAsync(options.ConnectionString, events, dataset.Payloads());
        report.Import(lots, import, copyRate, api.PeakRssBytes);
        (lastCopyRate, lastCopyEvents) = (copyRate, events);
    }
    if (options.Only == "import")
    {
        await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
        continue;
    }
    if (options.Only == "nodes")
    {
        await MeasureTwoNodesAsync(orgs, dataset.For(orgs));
        continue;
    }

    // 4. Catch-up: the daemon starts behind every imported event.
    await using (var api = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Solo"))
    {
        var caughtUp = await Database.CatchUpAsync(options.ConnectionString);
        report.CatchUp(lots, events, caughtUp);
        if (last)
        {
            // 3. GraphQL over the whole registry; 5. memory while it answers.
            await Database.VacuumAnalyzeAsync(options.ConnectionString);
            api.ResetPeak();
            foreach (var (name, query, variables) in await Queries.ForAsync(options.Url, orgs, dataset.For(orgs)))
                report.GraphQL(lots, name, await Queries.MeasureAsync(options.Url, orgs.MinistryKey, query, variables, options.QueryDuration));
            report.GraphQLBaseline(await Queries.MeasureAsync(options.Url, orgs.MinistryKey, "{ __typename }", null, options.QueryDuration));
            report.GraphQLMemory(api.PeakRssBytes);
            await MeasureCommandsAsync(orgs.MakerKey);
        }
    }

    // 4. Full rebuild of every projection, with the API stopped (as README says); what is measured so far is kept.
    if (last)
    {
        await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
        var started = Stopwatch.GetTimestamp();
        await ApiProcess.RunCommandAsync(options.Root, options.ConnectionString, "projections", "rebuild", "--shard-timeout", "60m");
        report.Rebuild(lots, await Database.EventCountAsync(options.ConnectionString), Stopwatch.GetElapsedTime(started));
        // 9. One node against two and a standby, last: the standby then runs until the end.
        await MeasureTwoNodesAsync(orgs, dataset.For(orgs));
    }
    await report.WriteAsync(await Database.VersionAsync(options.ConnectionString)); // after each size: a long run keeps what it measured
}
if (options.Only is "import" or "nodes") return;
// 8. The hash chain's cost: import and commands with the trigger off and on, on a size that takes seconds.
report.ChainCost(Math.Min(options.Lots.Min(), 10_000), await ChainCost.MeasureAsync(options, Math.Min(options.Lots.Min(), 10_000)));
await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
// 6, 7: EPCIS capture beside the last size's COPY baseline, and queries over a large epcis_events, daemon off as for the import.
Console.WriteLine("== EPCIS");
await using (var api = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Disabled"))
{
    report.EpcisCopyBaseline(lastCopyRate, lastCopyEvents);
    await EpcisSections.RunAsync(options, report, lastCopyRate);
}
await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
Console.WriteLine($"Wrote {options.Output}");

// 2. Single commands at 1, 8 and 32 clients, beside the bare HTTP round trip and the database floor at the same concurrency.
async Task MeasureCommandsAsync(string makerKey)
{
    foreach (var clients in new[] { 1, 8, 32 })
        report.Commands(await Commands.RegisterLotsAsync(options.Url, makerKey, clients, options.CommandDuration),
            await Commands.HealthAsync(options.Url, clients, options.CommandDuration),
            await CommandFloor.RegisterLotsAsync(options.ConnectionString, clients, options.CommandDuration));
}

async Task MeasureTwoNodesAsync(Organizations orgs, DatasetGenerator dataset)
{
    (string, string Query, object? Variables) lot;
    await using (await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Disabled"))
        lot = (await Queries.ForAsync(options.Url, orgs, dataset))[0];
    report.TwoNodes(await TwoNodes.MeasureAsync(options, orgs.MinistryKey, lot.Query, lot.Variables));
    await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
}

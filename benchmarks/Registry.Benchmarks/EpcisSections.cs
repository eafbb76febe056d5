namespace Registry.Benchmarks;

/// <summary>Sections 6 and 7: EPCIS capture against the run's COPY baseline, then queries over a large repository.</summary>
public static class EpcisSections
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, double copyRate)
    {
        if (options.EpcisSchema is null)
            throw new InvalidOperationException("No GS1 EPCIS JSON Schema found: set Registry__Epcis__JsonSchemaFile (capture answers 503 without it).");
        var run = DateTime.UtcNow.ToString("HHmmss");
        var clients = await EpcisCapture.RegisterClientsAsync(options.Url, run, options.CaptureClients.Max());
        foreach (var (shape, s) in options.CaptureShapes.Select((shape, s) => (shape, s)))
            foreach (var count in options.CaptureClients)
                report.Capture(await EpcisCapture.RunAsync(options.Url, clients, shape, count, $"B{s}K{count}C"), copyRate);
        // What the events cost without the lots: observations of the lots the largest single-client run started.
        var largest = options.CaptureShapes.Select((shape, s) => (shape, s)).MaxBy(x => x.shape.Events);
        if (options.Observations > 0 && options.CaptureClients.Contains(1))
            report.Capture(await EpcisCapture.ObserveAsync(options.Url, clients, Math.Min(options.Observations, largest.shape.Events), $"B{largest.s}K1C"),
                copyRate, observations: true);
        await report.WriteAsync(await Database.VersionAsync(options.ConnectionString));
        if (options.EpcisEvents <= 0) return;
        var fill = await EpcisQueries.FillAsync(options.ConnectionString, options.Url, run, options.EpcisEvents);
        report.EpcisFill(fill);
        foreach (var result in await EpcisQueries.MeasureAsync(options.Url, fill, options.EpcisRequests, warmup: 20))
            report.EpcisQuery(result);
    }
}

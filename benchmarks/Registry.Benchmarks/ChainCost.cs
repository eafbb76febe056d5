using Registry.Datasets;

namespace Registry.Benchmarks;

/// <summary>
/// 8. What the hash chain costs: the same import and the same single commands on a fresh registry with the event hash
/// trigger off and on, alternated (off, on, off, on) so that the machine's drift falls on both; the best of each kept.
/// </summary>
public static class ChainCost
{
    public sealed record Run(bool Hashing, ImportResult Import, LatencyResult Commands);

    public const int Clients = 8;

    public static async Task<IReadOnlyList<Run>> MeasureAsync(BenchmarkOptions options, int lots)
    {
        var runs = new List<Run>();
        foreach (var hashing in new[] { false, true, false, true })
        {
            await Database.ResetAsync(options.ConnectionString);
            await using var api = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "Disabled", hashing);
            var orgs = await Organizations.RegisterAsync(options.Url, lots);
            var import = await Importer.RunAsync(options.Url, orgs, new Dataset(lots).For(orgs), options.ImportStreams);
            var commands = await Commands.RegisterLotsAsync(options.Url, orgs.MakerKey, Clients, options.CommandDuration);
            Console.WriteLine($"chain cost, hashing {(hashing ? "on" : "off")}: import {import.EventsPerSecond:N0} events/s, commands {commands.PerSecond:N0}/s");
            runs.Add(new(hashing, import, commands));
        }
        return runs;
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Registry.Benchmarks;

/// <summary>
/// Section 9: GraphQL throughput with one API node reading from the primary, then with two nodes (HotCold) whose
/// GraphQL reads go to a streaming standby (scripts/postgres.sh standby), the same clients spread over both.
/// </summary>
public static class TwoNodes
{
    public const int Clients = 16;

    public static async Task<(LatencyResult One, LatencyResult Two)> MeasureAsync(
        BenchmarkOptions options, string key, string query, object? variables)
    {
        LatencyResult one;
        await using (await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "HotCold"))
            one = await ThroughputAsync([options.Url], key, query, variables, options.QueryDuration);

        var reads = await StandbyReadsAsync(options);
        var second = new UriBuilder(options.Url) { Port = new Uri(options.Url).Port + 1 }.Uri.ToString().TrimEnd('/');
        await using var a = await ApiProcess.StartAsync(options.Root, options.ConnectionString, options.Url, "HotCold", reads: reads);
        await using var b = await ApiProcess.StartAsync(options.Root, options.ConnectionString, second, "HotCold", reads: reads);
        var two = await ThroughputAsync([options.Url, second], key, query, variables, options.QueryDuration);
        Console.WriteLine($"GraphQL with one node: {one.PerSecond:N0}/s p99 {one.P99Ms:N1} ms; two nodes and the standby: {two.PerSecond:N0}/s p99 {two.P99Ms:N1} ms");
        return (one, two);
    }

    private static async Task<LatencyResult> ThroughputAsync(string[] urls, string key, string query, object? variables, TimeSpan duration)
    {
        var clients = Enumerable.Range(0, Clients).Select(i => Queries.Client(urls[i % urls.Length], key)).ToList();
        try
        {
            return await Latency.MeasureAsync(Clients, duration, async (client, _) =>
            {
                using var response = await clients[client].PostAsJsonAsync("/graphql", new { query, variables });
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                return response.IsSuccessStatusCode && body?["errors"] is null && body?["data"]?["lot"] is not null;
            });
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Starts the standby of the bench's PostgreSQL and answers the nodes' multi-host reads connection string.</summary>
    private static async Task<string> StandbyReadsAsync(BenchmarkOptions options)
    {
        var primary = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var start = new ProcessStartInfo(Path.Combine(options.Root, "scripts/postgres.sh"), ["standby"]) { RedirectStandardOutput = true };
        start.Environment["REGISTRY_PG_PORT"] = primary.Port.ToString();
        start.Environment["REGISTRY_PG_DB"] = primary.Database;
        using var script = Process.Start(start)!;
        var standby = new NpgsqlConnectionStringBuilder((await script.StandardOutput.ReadToEndAsync()).Trim());
        await script.WaitForExitAsync();
        if (script.ExitCode != 0) throw new InvalidOperationException("scripts/postgres.sh standby failed.");
        return new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Host = $"{standby.Host}:{standby.Port},{primary.Host}:{primary.Port}", TargetSessionAttributes = "prefer-standby",
        }.ConnectionString;
    }
}

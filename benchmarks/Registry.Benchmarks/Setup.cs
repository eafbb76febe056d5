using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Datasets;

namespace Registry.Benchmarks;

public sealed record BenchmarkOptions(
    string Root, string ConnectionString, string Url, IReadOnlyList<int> Lots, string Output,
    TimeSpan CommandDuration, TimeSpan QueryDuration, int ImportStreams, string Command,
    string? Only, IReadOnlyList<CaptureShape> CaptureShapes, IReadOnlyList<int> CaptureClients, long EpcisEvents, int EpcisRequests,
    long CopyEvents, string? EpcisSchema, int Observations)
{
    /// <summary>
    /// <c>--lots 100000,1000000 --out docs/benchmarks.md --import-streams 2</c> (imports sent side by side; default:
    /// one per core); the database from REGISTRY_BENCH_CONNECTION. EPCIS (sections 6 and 7, after the last size):
    /// <c>--epcis-capture 1x2000,100x50,10000x1</c> (events a document x documents per client setting, rounded up to a
    /// multiple of the clients), <c>--epcis-clients 1,4</c>, <c>--epcis-events 1000000</c> (rows of epcis_events the
    /// queries run over; 0 skips them), <c>--epcis-observations 10000</c> (a diagnostic document of observations of
    /// lots, which change none; 0 skips it), <c>--epcis-requests 200</c> (per query and viewer, after 20 of warm-up).
    /// <c>--only epcis</c>: a fresh registry, the COPY baseline of <c>--copy-events 300000</c> rows, then only the EPCIS
    /// sections, written to docs/benchmarks-epcis.md unless <c>--out</c> says otherwise. <c>--only import</c>: section 1 alone.
    /// </summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        string Arg(string name, string fallback) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var root = Directory.GetCurrentDirectory();
        var only = Arg("--only", "") is { Length: > 0 } o ? o : null;
        while (!File.Exists(Path.Combine(root, "Traceability.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run inside the repository.");
        return new(
            root,
            Environment.GetEnvironmentVariable("REGISTRY_BENCH_CONNECTION") ?? throw new InvalidOperationException("Set REGISTRY_BENCH_CONNECTION (./bench.sh does)."),
            Arg("--url", "http://127.0.0.1:5090"),
            Arg("--lots", "100000,1000000").Split(',').Select(int.Parse).Order().ToList(),
            Path.Combine(root, Arg("--out", only == "epcis" ? "docs/benchmarks-epcis.md" : "docs/benchmarks.md")),
            TimeSpan.FromSeconds(int.Parse(Arg("--command-seconds", "10"))),
            TimeSpan.FromSeconds(int.Parse(Arg("--query-seconds", "5"))),
            int.Parse(Arg("--import-streams", Environment.ProcessorCount.ToString())),
            ("./bench.sh " + string.Join(' ', args)).TrimEnd(),
            only is null or "epcis" or "import" or "nodes" or "commands" ? only : throw new ArgumentException("--only takes epcis, import, nodes or commands."),
            CaptureShape.Parse(Arg("--epcis-capture", "1x2000,100x50,10000x1")),
            Arg("--epcis-clients", "1,4").Split(',').Select(int.Parse).ToList(),
            long.Parse(Arg("--epcis-events", "1000000")),
            int.Parse(Arg("--epcis-requests", "200")),
            long.Parse(Arg("--copy-events", "300000")),
            EpcisSchemaFile(root),
            int.Parse(Arg("--epcis-observations", "10000")));
    }

    /// <summary>The GS1 EPCIS JSON Schema the API validates captures with (not shipped, docs/adr/0010): as configured,
    /// or beside the repository in shared/epcis-examples.</summary>
    private static string? EpcisSchemaFile(string root) =>
        new[]
        {
            Environment.GetEnvironmentVariable("Registry__Epcis__JsonSchemaFile"),
            Path.GetFullPath(Path.Combine(root, "../shared/epcis-examples/EPCIS-JSON-Schema.json")),
            "/work/shared/epcis-examples/EPCIS-JSON-Schema.json",
        }.FirstOrDefault(File.Exists);
}

/// <summary>The generated dataset of one size, for the organizations the run registered.</summary>
public sealed class Dataset(int lots)
{
    public int Lots => lots;

    public DatasetGenerator For(Organizations orgs) =>
        new(new DatasetOptions(lots, Seed: 42, Run: $"B{lots}", orgs.MakerName, orgs.RecyclerName));

    /// <summary>Event payload sizes as the import writes them: the bodies of the dataset's first lines.</summary>
    public IReadOnlyList<string> Payloads() =>
        new DatasetGenerator(new DatasetOptions(2000, 42, "P", "M", "R")).MakerLines()
            .Select(line => JsonNode.Parse(line)!["body"]!.ToJsonString()).ToList();
}

public sealed record Organizations(string MakerName, string MakerKey, string RecyclerName, string RecyclerKey, string MinistryKey)
{
    public static async Task<Organizations> RegisterAsync(string url, int lots)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiProcess.AdminKey);
        async Task<string> Register(string name, string role)
        {
            var response = await http.PostAsJsonAsync("/api/organizations", new { name, country = "JP", role });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        }
        var (maker, recycler) = ($"Bench Maker {lots}", $"Bench Recycler {lots}");
        return new(maker, await Register(maker, "Manufacturer"), recycler, await Register(recycler, "Recycler"),
            await Register($"Bench Ministry {lots}", "Ministry"));
    }
}

public static class Database
{
    public static async Task ResetAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("drop schema if exists registry cascade; drop schema if exists wolverine cascade");
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> EventCountAsync(string connectionString) =>
        await ScalarAsync(connectionString, "select coalesce(max(seq_id), 0) from registry.mt_events");

    /// <summary>Waits until both async projections reached the last event; how long it took.</summary>
    public static async Task<TimeSpan> CatchUpAsync(string connectionString)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var high = await EventCountAsync(connectionString);
        while (await ScalarAsync(connectionString,
                   "select coalesce(min(last_seq_id), 0) from registry.mt_event_progression where name in ('KpiFacts:All', 'SupplyFacts:All') " +
                   "having count(*) = 2") < high)
            await Task.Delay(250);
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// What an operator does after a bulk load, and autovacuum would do a few minutes later: fresh statistics and
    /// visibility maps, so the latencies measured next are the registry's and not a vacuum running beside them.
    /// </summary>
    public static async Task VacuumAnalyzeAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("vacuum analyze");
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<string> VersionAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("show server_version");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand(sql);
        try
        {
            return await command.ExecuteScalarAsync() is long value ? value : 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}

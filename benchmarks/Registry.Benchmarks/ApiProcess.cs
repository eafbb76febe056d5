using System.Diagnostics;

namespace Registry.Benchmarks;

/// <summary>
/// The registry as users run it: the Release build in its own process on real Kestrel, so the driver's own work and
/// memory stay out of the figures. Samples the process's resident memory while it runs.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";
    private readonly Process process;
    private readonly CancellationTokenSource sampling = new();
    private long peakRssBytes;

    /// <summary>The process id, to attach a profiler (dotnet-trace collect -p) while a section runs.</summary>
    public int Id => process.Id;

    private ApiProcess(Process process)
    {
        this.process = process;
        _ = Task.Run(SampleAsync);
    }

    public static string Dll(string root) => Path.Combine(root, "src/Registry.Api/bin/Release/net10.0/Registry.Api.dll");

    /// <summary>The GS1 EPCIS JSON Schema the capture door validates with (set by the driver; without it, capture answers 503).</summary>
    public static string? EpcisSchemaFile { get; set; }

    /// <summary>The checkpoints' signing key a Production registry needs: one for the run.</summary>
    private static readonly string SigningKey = System.Security.Cryptography.ECDsa.Create(
        System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    public static Dictionary<string, string> Environment(string connectionString, string url, string daemon, bool hashEvents = true)
    {
        var environment = Variables(connectionString, url, daemon);
        environment["Registry__Integrity__HashEvents"] = hashEvents.ToString();
        if (EpcisSchemaFile is { } schema) environment["Registry__Epcis__JsonSchemaFile"] = schema;
        return environment;
    }

    private static Dictionary<string, string> Variables(string connectionString, string url, string daemon) => new()
    {
        ["ConnectionStrings__Registry"] = connectionString,
        ["Registry__BootstrapAdminKey"] = AdminKey,
        ["Registry__ProjectionDaemon"] = daemon,
        ["ASPNETCORE_URLS"] = url,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Registry__Integrity__SigningKey"] = SigningKey,
    };

    /// <param name="hashEvents">False only to measure what the hash chain costs (section 8).</param>
    /// <param name="reads">Where GraphQL reads (section 9: a standby-preferring multi-host connection string).</param>
    public static async Task<ApiProcess> StartAsync(
        string root, string connectionString, string url, string daemon, bool hashEvents = true, string? reads = null)
    {
        var environment = Environment(connectionString, url, daemon, hashEvents);
        if (reads is not null) environment["ConnectionStrings__RegistryReads"] = reads;
        var process = Start(root, environment, []);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API exited with {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) return new ApiProcess(process);
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The API did not answer /health/live within two minutes.");
    }

    /// <summary>Runs the API's command line (e.g. <c>projections rebuild</c>) to completion.</summary>
    public static async Task RunCommandAsync(string root, string connectionString, params string[] args)
    {
        using var process = Start(root, Environment(connectionString, "http://127.0.0.1:0", "Disabled"), args);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', args)}' exited with {process.ExitCode}.");
    }

    /// <summary>Peak resident memory since the last reset.</summary>
    public long PeakRssBytes => Interlocked.Read(ref peakRssBytes);

    public void ResetPeak() => Interlocked.Exchange(ref peakRssBytes, 0);

    public async ValueTask DisposeAsync()
    {
        sampling.Cancel();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static Process Start(string root, Dictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(Dll(root))! };
        start.ArgumentList.Add(Dll(root));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    private async Task SampleAsync()
    {
        while (!sampling.IsCancellationRequested)
        {
            try
            {
                var rss = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:"));
                var bytes = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
                if (bytes > Interlocked.Read(ref peakRssBytes)) Interlocked.Exchange(ref peakRssBytes, bytes);
            }
            catch (IOException) { }
            catch (InvalidOperationException) { }
            await Task.Delay(100);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Npgsql;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// The registry as operators run it: <c>dotnet Registry.Api.dll</c> in a process of its own (Production, its own
/// port), stdout redirected as a service manager would collect it, and killable without warning. Its database
/// sessions carry its name as application name, so pg_stat_activity and pg_locks tell which process holds what.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key";
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Process process;
    private int startupLines;

    private RegistryProcess(string name, Process process, Uri address) => (Name, this.process, Address) = (name, process, address);

    public string Name { get; }
    public Uri Address { get; }

    /// <summary>Starts a process and waits until it answers <c>/health/live</c>; <paramref name="settings"/> override the defaults.</summary>
    public static async Task<RegistryProcess> StartAsync(string name, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll"));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString,
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Registry__BootstrapAdminKey"] = AdminKey,
            ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
            ["Registry__Integrity__SigningKey"] = ProductionRegistry.SigningKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var started = new RegistryProcess(name, process, address);
        // Read continuously, so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) started.lines.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) started.lines.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{string.Join('\n', started.Lines)}");
            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) return started.Ready();
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        await started.KillAsync();
        throw new TimeoutException($"{name} did not answer /health/live within 90 s.");
    }

    private RegistryProcess Ready()
    {
        startupLines = lines.Count;
        return this;
    }

    public ApiClient Client(string? apiKey)
    {
        var http = new HttpClient { BaseAddress = Address };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new ApiClient(http);
    }

    /// <summary>Every stdout and stderr line so far, as written.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>
    /// The log so far, one JSON object a line; once the process answers, any other line fails the test. What
    /// JasperFx's command line prints while it looks for extensions, before the host logs, is skipped.
    /// </summary>
    public IReadOnlyList<JsonObject> Entries => [.. lines.Select((line, i) => (line, i))
        .Where(l => l.i >= startupLines || l.line.StartsWith('{')).Select(l =>
            (l.line.StartsWith('{') ? JsonNode.Parse(l.line) as JsonObject : null) ?? throw new Xunit.Sdk.XunitException($"Not a JSON log line: {l.line}"))];

    /// <summary>The first entry matching, once it has been written.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Entries.FirstOrDefault(match) is { } entry) return entry;
            if (process.HasExited) throw new Xunit.Sdk.XunitException($"{Name} exited:\n{string.Join('\n', Lines)}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No such log line:\n{string.Join('\n', Lines)}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown, no lock released by the process itself; PostgreSQL ends its sessions.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// Another registry process for what the shared host cannot show: another environment or settings, a restart, a
/// database that goes away. It listens on Kestrel (a real socket on 127.0.0.1) and, like the shared host, reads
/// its settings from the environment when it starts (set only for that moment).
/// </summary>
public sealed class SeparateHost : WebApplicationFactory<Program>
{
    private readonly string environment;

    private SeparateHost(string environment)
    {
        this.environment = environment;
        UseKestrel(0);
    }

    /// <param name="settings">Configuration keys as environment variables, e.g. <c>Registry__BootstrapAdminKey</c>.</param>
    public static SeparateHost Start(string environment, IReadOnlyDictionary<string, string?> settings)
    {
        // The environment is the process's: hosts starting at once in parallel tests would read each other's.
        lock (EnvironmentLock) return StartAlone(environment, settings);
    }

    /// <summary>Held by whoever starts a host from environment variables.</summary>
    public static readonly Lock EnvironmentLock = new();

    private static SeparateHost StartAlone(string environment, IReadOnlyDictionary<string, string?> settings)
    {
        var previous = settings.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (key, value) in settings) Environment.SetEnvironmentVariable(key, value);
        try
        {
            var host = new SeparateHost(environment);
            host.StartServer();
            return host;
        }
        finally
        {
            foreach (var (key, value) in previous) Environment.SetEnvironmentVariable(key, value);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment(environment);

    /// <summary>The host's real socket, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client of the host's real socket.</summary>
    public HttpClient HttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

    public ApiClient Client(string? apiKey)
    {
        var http = HttpClient();
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new ApiClient(http);
    }
}

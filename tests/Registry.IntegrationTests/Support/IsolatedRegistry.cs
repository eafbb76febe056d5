using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// A registry of one's own: a fresh database and its own host (with its own projection daemon), for a test that
/// reads registry-wide answers (KPIs, supply risk) and so must not see any other test's data, whatever year or
/// country it uses. Disposing it stops the host and drops the database.
/// </summary>
public sealed class IsolatedRegistry : IRegistryHost, IAsyncDisposable
{
    private readonly SeparateHost host;
    private readonly string database;

    private IsolatedRegistry(SeparateHost host, string database) => (this.host, this.database) = (host, database);

    public static async Task<IsolatedRegistry> StartAsync()
    {
        var database = $"registry_t_{Guid.NewGuid():N}";
        var host = SeparateHost.Start("Testing", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Registry"] = await TestDatabase.CreateAsync(database),
            ["Registry__BootstrapAdminKey"] = RegistryApp.AdminKey,
            ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
        });
        return new IsolatedRegistry(host, database);
    }

    public IServiceProvider Services => host.Services;
    public ApiClient Client(string? apiKey) => host.Client(apiKey);

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropAsync(database);
    }
}

/// <summary>What tests ask of a registry host, shared or isolated.</summary>
public interface IRegistryHost
{
    IServiceProvider Services { get; }
    ApiClient Client(string? apiKey);
}

/// <summary>A test class whose every test runs on a registry of its own (<see cref="IsolatedRegistry"/>).</summary>
public abstract class OnItsOwnRegistry : IAsyncLifetime
{
    protected IsolatedRegistry app = null!;

    public async Task InitializeAsync() => app = await IsolatedRegistry.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();
}

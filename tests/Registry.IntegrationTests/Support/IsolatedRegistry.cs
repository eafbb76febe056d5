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
    private SeparateHost host;
    private readonly string database, connectionString;

    private IsolatedRegistry(string database, string connectionString, Dictionary<string, string?> settings) =>
        (this.database, this.connectionString, host) = (database, connectionString, Host(connectionString, settings));

    /// <param name="settings">Configuration beside the test defaults, as environment variables (<c>Registry__…</c>).</param>
    public static async Task<IsolatedRegistry> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var database = $"registry_t_{Guid.NewGuid():N}";
        return new IsolatedRegistry(database, await TestDatabase.CreateAsync(database), settings ?? []);
    }

    /// <summary>Stops the host and starts another on the same database, as a restart of the API.</summary>
    public async Task RestartAsync(Dictionary<string, string?>? settings = null)
    {
        await host.DisposeAsync();
        host = Host(connectionString, settings ?? []);
    }

    private static SeparateHost Host(string connectionString, Dictionary<string, string?> settings) =>
        SeparateHost.Start("Testing", new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings__Registry"] = connectionString,
            ["Registry__BootstrapAdminKey"] = RegistryApp.AdminKey,
            ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
            ["Registry__Epcis__JsonSchemaFile"] = EpcisExamples.SchemaFile(),
        });

    /// <summary>The database itself, as an operator (a superuser) would reach it.</summary>
    public string ConnectionString => connectionString;
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

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// The real API host (Program) on a real PostgreSQL, shared by every test class of the collection. Tests create
/// their own organizations, so they never see each other's lots.
/// </summary>
public sealed class RegistryApp : WebApplicationFactory<Program>, IRegistryHost, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public static readonly string TestReferenceData = Path.Combine(AppContext.BaseDirectory, "test-reference-data");

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.ConnectionStringAsync();
        await TestDatabase.ResetAsync(connectionString);
        // Environment variables reach Program's configuration before it registers Marten.
        lock (SeparateHost.EnvironmentLock)
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__Registry", connectionString);
            Environment.SetEnvironmentVariable("Registry__BootstrapAdminKey", AdminKey);
            Environment.SetEnvironmentVariable("Registry__ReferenceDataDirectory", TestReferenceData);
            Environment.SetEnvironmentVariable("Registry__Epcis__JsonSchemaFile", EpcisExamples.SchemaFile());
            // Every test client shares one address here: the failed-authentication limit is tested on its own host.
            Environment.SetEnvironmentVariable("Registry__FailedAuthentications__PermitLimit", "1000000");
            _ = Server;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Testing");

    public ApiClient Client(string? apiKey)
    {
        // Without the redirect handler, which buffers every request body to be able to send it again: imports stream.
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new ApiClient(http);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

public static class RegistryHosts
{
    /// <summary>Registers a fresh organization through the admin route and returns a client acting for it.</summary>
    public static async Task<Member> NewOrganizationAsync(this IRegistryHost registry, string role, string country = "JP", string? gln = null)
    {
        var (name, id, apiKey) = await registry.Client(RegistryApp.AdminKey).RegisterOrganizationAsync(role, country, gln);
        return new Member(name, id, country, registry.Client(apiKey));
    }

    /// <summary>Waits until the async projections (the KPI facts) have every event committed so far.</summary>
    public static async Task ProjectionsCaughtUpAsync(this IRegistryHost registry)
    {
        var store = registry.Services.GetRequiredService<IDocumentStore>();
        // Marten's wait throws when no event was ever appended: nothing to catch up with then.
        if (await store.Storage.Database.FetchHighestEventSequenceNumber() > 0)
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }
}

public sealed record Member(string Name, Guid Id, string Country, ApiClient Api);

[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryApp>
{
    public const string Name = "registry";
}

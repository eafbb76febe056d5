using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Api.Demo;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// A Production process on its own database, reached through a <see cref="TcpProxy"/> that tests can cut, with
/// small limits so tests can reach them: 5 failed authentications per 2 s per address, 5 writes per organization
/// then 1 a second, one GraphQL request and one import at a time per organization, GraphQL requests stopped after 2 s. The demo organizations are in its database, as if a
/// Development run had created them there.
/// </summary>
public sealed class ProductionRegistry : IAsyncLifetime
{
    public const string AdminKey = "production-admin-key";
    public const int FailedAuthenticationLimit = 5, FailedAuthenticationWindowSeconds = 2, WriteBurst = 5, GraphQLTimeoutSeconds = 2;

    /// <summary>Production signs checkpoints only with a configured key: one for the test run.</summary>
    public static readonly string SigningKey = System.Security.Cryptography.ECDsa.Create(
        System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    public SeparateHost Host { get; private set; } = null!;
    public TcpProxy Proxy { get; private set; } = null!;
    /// <summary>The database itself, not through the proxy: for locks and pg_stat_activity.</summary>
    public string DirectConnection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DirectConnection = await TestDatabase.CreateAsync("registry_tests_production");
        var direct = new NpgsqlConnectionStringBuilder(DirectConnection);
        Proxy = new TcpProxy(direct.Host!, direct.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(DirectConnection) { Host = "127.0.0.1", Port = Proxy.Port, Timeout = 3 };
        Host = SeparateHost.Start("Production", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Registry"] = viaProxy.ConnectionString,
            ["Registry__BootstrapAdminKey"] = AdminKey,
            ["Registry__ProjectionDaemon"] = "Disabled",
            ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
            ["Registry__FailedAuthentications__PermitLimit"] = FailedAuthenticationLimit.ToString(),
            ["Registry__FailedAuthentications__WindowSeconds"] = FailedAuthenticationWindowSeconds.ToString(),
            ["Registry__WriteRateLimit__Burst"] = WriteBurst.ToString(),
            ["Registry__WriteRateLimit__PerSecond"] = "1",
            ["Registry__GraphQL__TimeoutSeconds"] = GraphQLTimeoutSeconds.ToString(),
            ["Registry__GraphQL__ConcurrentPerOrganization"] = "1",
            ["Registry__GraphQL__QueuedPerOrganization"] = "0",
            ["Registry__Imports__ConcurrentPerOrganization"] = "1",
            ["Registry__Integrity__SigningKey"] = SigningKey,
        });
        await DemoData.EnsureOrganizationsAsync(Host.Services.GetRequiredService<IDocumentStore>(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Proxy.DisposeAsync();
    }

    /// <summary>Registers an organization through the admin route; its client.</summary>
    public async Task<ApiClient> NewOrganizationAsync(string role) =>
        Host.Client((await Host.Client(AdminKey).RegisterOrganizationAsync(role)).ApiKey);
}

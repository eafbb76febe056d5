using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Registry.Api.Auth;
using Registry.Api.Organizations;
using Registry.Domain.Organizations;

namespace Registry.Api.Demo;

/// <summary>
/// Development only: the demo organizations with the keys the README lists, then, once the API listens, the demo
/// dataset (<see cref="DemoScenario"/>) sent to its own HTTP routes. Idempotent: a restart replays, never doubles.
/// </summary>
public sealed class DemoData(IDocumentStore store, IServer server, IHostApplicationLifetime lifetime, ILogger<DemoData> logger)
    : IHostedService
{
    public const string AdminKey = "demo-admin", MinistryKey = "demo-ministry";

    /// <summary>The demo keys, accepted only while the process runs in Development (ApiKeyAuthenticationHandler).</summary>
    public static readonly IReadOnlySet<string> KeyHashes =
        new[] { AdminKey, DemoScenario.MakerKey, DemoScenario.RecyclerKey, MinistryKey }.Select(ApiKeys.Hash).ToHashSet();

    private readonly TaskCompletionSource seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the demo dataset is in place (or failed to be: the exception).</summary>
    public Task Seeded => seeded.Task;

    public async Task StartAsync(CancellationToken cancellation)
    {
        await EnsureOrganizationsAsync(store, cancellation);
        lifetime.ApplicationStarted.Register(() => _ = SeedAsync(lifetime.ApplicationStopping));
    }

    /// <summary>The demo companies' party GLNs, by which EPCIS events name them (README's capture example).</summary>
    public const string MakerGln = "4590000000019", RecyclerGln = "4590000000026";

    public static async Task EnsureOrganizationsAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        await OrganizationSeeder.EnsureAsync(session, "Demo Admin", "JP", OrganizationRole.Admin, AdminKey, cancellation);
        await OrganizationSeeder.EnsureAsync(session, "Demo Maker", "JP", OrganizationRole.Manufacturer, DemoScenario.MakerKey, cancellation, gln: MakerGln);
        await OrganizationSeeder.EnsureAsync(session, "Demo Recycler", "JP", OrganizationRole.Recycler, DemoScenario.RecyclerKey, cancellation, gln: RecyclerGln);
        await OrganizationSeeder.EnsureAsync(session, "Demo Ministry", "JP", OrganizationRole.Ministry, MinistryKey, cancellation);
        await session.SaveChangesAsync(cancellation);
    }

    private async Task SeedAsync(CancellationToken cancellation)
    {
        try
        {
            var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1");
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            await new DemoScenario(http).RunAsync(cancellation);
            logger.LogInformation("Demo data is in place (PWMI plastic flows 2019-2023, a battery loop and a magnet chain in 2025).");
            seeded.TrySetResult();
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException) logger.LogError(e, "Demo data could not be seeded.");
            seeded.TrySetException(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Marten;
using Registry.Domain.Organizations;

namespace Registry.Api.Organizations;

/// <summary>
/// Outside Development there are no demo keys: the first Admin comes from configuration
/// (<c>Registry:BootstrapAdminKey</c>, e.g. environment <c>Registry__BootstrapAdminKey</c>).
/// </summary>
public sealed class BootstrapAdmin(IDocumentStore store, IConfiguration configuration) : IHostedService
{
    public const string Name = "registry-admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var key = configuration["Registry:BootstrapAdminKey"];
        if (string.IsNullOrWhiteSpace(key)) return;
        await using var session = store.LightweightSession();
        await OrganizationSeeder.EnsureAsync(session, Name, "JP", OrganizationRole.Admin, key, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Marten;
using Registry.Api.Auth;
using Registry.Domain.Organizations;

namespace Registry.Api.Organizations;

/// <summary>
/// Outside Development there are no demo keys: the first Admin comes from configuration
/// (<c>Registry:BootstrapAdminKey</c>, e.g. environment <c>Registry__BootstrapAdminKey</c>). Its key follows the
/// setting: a new value replaces the old one at the next start.
/// </summary>
public sealed class BootstrapAdmin(IDocumentStore store, IConfiguration configuration, KnownApiKeys known) : IHostedService
{
    public const string Name = "registry-admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var key = configuration["Registry:BootstrapAdminKey"];
        if (string.IsNullOrWhiteSpace(key)) return;
        await using var session = store.LightweightSession();
        var admin = await OrganizationSeeder.EnsureAsync(session, Name, "JP", OrganizationRole.Admin, key, cancellationToken);
        known.ForgetAfterCommit(session, admin.Id);
        await session.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Registry.Projections.Kpis;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class HealthTests(RegistryApp app)
{
    [Fact]
    public async Task Ready_answers_without_a_key_once_the_projections_keep_up()
    {
        await app.ProjectionsCaughtUpAsync();
        var response = await app.Client(null).Http.GetAsync("/health/ready");
        await Expect.StatusAsync(response, 200);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_fails_while_the_projection_daemon_has_stopped_the_kpi_projection()
    {
        var daemon = app.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        const string shard = $"{KpiFactsProjection.Name}:All";
        await daemon.StopAgentAsync(shard);
        try
        {
            var response = await app.Client(null).Http.GetAsync("/health/ready");
            await Expect.StatusAsync(response, 503);
        }
        finally
        {
            await daemon.StartAgentAsync(shard, CancellationToken.None);
        }
        await app.ProjectionsCaughtUpAsync();
        await Expect.StatusAsync(await app.Client(null).Http.GetAsync("/health/ready"), 200);
    }
}

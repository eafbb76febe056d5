using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
        // An event, so that the projections have progress to report even when this class runs alone.
        await (await app.NewOrganizationAsync("Manufacturer")).Api.RegisterLotAsync();
        await app.ProjectionsCaughtUpAsync();
        var response = await app.Client(null).Http.GetAsync("/health/ready");
        await Expect.StatusAsync(response, 200);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Healthy", health["status"]!.GetValue<string>());
        var checks = health["checks"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["postgres", "projection-daemon"], checks.Select(c => c["name"]!.GetValue<string>()).Order());
        Assert.All(checks, c => Assert.Equal("Healthy", c["status"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.False(string.IsNullOrEmpty(c["description"]?.GetValue<string>())));
        Assert.All(checks, c => Assert.True(c["durationMs"]!.GetValue<double>() >= 0));
        var lags = checks.Single(c => c["name"]!.GetValue<string>() == "projection-daemon")["data"]!;
        Assert.True(lags[$"{KpiFactsProjection.Name}:All"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task Ready_fails_while_the_projection_daemon_has_stopped_the_kpi_projection()
    {
        var daemon = app.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        const string shard = $"{KpiFactsProjection.Name}:All";
        // Under HotCold the test host projects once it is elected, about a second after it starts.
        for (var i = 0; i < 300 && daemon.CurrentAgents().All(a => a.Name.Identity != shard); i++) await Task.Delay(100);
        await daemon.StopAgentAsync(shard);
        try
        {
            var response = await app.Client(null).Http.GetAsync("/health/ready");
            await Expect.StatusAsync(response, 503);
            // The reason is in the answer, not only in the log.
            var health = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("Unhealthy", health["status"]!.GetValue<string>());
            var daemonCheck = health["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "projection-daemon")!;
            Assert.Equal("Unhealthy", daemonCheck["status"]!.GetValue<string>());
            Assert.Contains(shard, daemonCheck["description"]!.GetValue<string>());
        }
        finally
        {
            await daemon.StartAgentAsync(shard, CancellationToken.None);
        }
        await app.ProjectionsCaughtUpAsync();
        await Expect.StatusAsync(await app.Client(null).Http.GetAsync("/health/ready"), 200);
    }
}

using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Api.Demo;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// The run command's demo dataset: a Development process on its own database seeds it through its own HTTP routes
/// once it listens, as ./run.sh does, and it answers with the published figures.
/// </summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private SeparateHost demo = null!;

    public async Task InitializeAsync() => demo = SeparateHost.Start("Development", new Dictionary<string, string?>
    {
        ["ConnectionStrings__Registry"] = await TestDatabase.CreateAsync("registry_tests_demo"),
        ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
    });

    public async Task DisposeAsync() => await demo.DisposeAsync();

    [Fact]
    public async Task The_demo_reproduces_Japans_published_effective_utilization_2019_to_2023_and_seeds_only_once()
    {
        await demo.Services.GetServices<IHostedService>().OfType<DemoData>().Single().Seeded.WaitAsync(TimeSpan.FromMinutes(2));
        // Ready reports the demo data's check (Degraded while it is recorded) beside PostgreSQL's and the daemon's.
        var checks = demo.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        var report = await checks.CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, report.Entries["demo-data"].Status);
        await new DemoScenario(demo.HttpClient()).RunAsync(CancellationToken.None); // a restart replays every step: nothing doubles
        await demo.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var ministry = demo.Client(DemoData.MinistryKey);

        // PWMI: 726/850, 710/822, 717/824, 717/823, 688/769 = 85, 86, 87, 87, 89 % when rounded.
        var progress = await ministry.GraphQLAsync("{ kpiProgress(from: 2019, to: 2023) { kpi year value target { year value } } }");
        Assert.Null(progress["errors"]);
        var rates = progress["data"]!["kpiProgress"]!.AsArray()
            .Where(p => p!["kpi"]!.GetValue<string>() == "plastics.effectiveUtilizationRate")
            .ToDictionary(p => p!["year"]!.GetValue<int>(), p => p!["value"]!.GetValue<double>());
        Assert.Equal([85, 86, 87, 87, 89], Enumerable.Range(2019, 5).Select(y => (int)Math.Round(rates[y] * 100, MidpointRounding.AwayFromZero)));
        Assert.Equal(726.0 / 850, rates[2019], 12);

        // 850万t at 1 t per 1,000 t = 8,500,000 kg, once.
        var plastics = await ministry.GraphQLAsync("{ plasticsKpis(year: 2019) { wasteKg materialRecyclingKg energyRecoveryKg } }");
        Assert.Equal(8_500_000m, plastics["data"]!["plasticsKpis"]!["wasteKg"]!.GetValue<decimal>());
        Assert.Equal(1_870_000m, plastics["data"]!["plasticsKpis"]!["materialRecyclingKg"]!.GetValue<decimal>());

        // Battery loop 2025 (comments in DemoScenario): recovery Co 50/57, Ni 208/228, Li 18.8/33.25, Cu 90/95.
        // Recycled Co placed: the pack's 57 kg (none) and the cell's 480 x 98/500 = 94.08 kg, of which 50/98
        // (rounded to 9 decimals, 0.510204082) is recycled: 48.0000000... / 151.08.
        var battery = (await ministry.GraphQLAsync(
            "{ batteryKpis(year: 2025) { recoveryEfficiency { element rate } recycledContent { element rate } } }"))["data"]!["batteryKpis"]!;
        Assert.Equal(50.0 / 57, Rate(battery, "recoveryEfficiency", "Co"), 9);
        Assert.Equal(208.0 / 228, Rate(battery, "recoveryEfficiency", "Ni"), 9);
        Assert.Equal(18.8 / 33.25, Rate(battery, "recoveryEfficiency", "Li"), 9);
        Assert.Equal(90.0 / 95, Rate(battery, "recoveryEfficiency", "Cu"), 9);
        Assert.Equal(48.0 / 151.08, Rate(battery, "recycledContent", "Co"), 6);

        // Magnet chain 2025: 100 xEVs with a Dy magnet, 100 without: share 0.5.
        var rareEarth = (await ministry.GraphQLAsync("{ rareEarthKpis(year: 2025) { xevUnitsPlaced hreFreeShare } }"))["data"]!["rareEarthKpis"]!;
        Assert.Equal(200, rareEarth["xevUnitsPlaced"]!.GetValue<int>());
        Assert.Equal(0.5, rareEarth["hreFreeShare"]!.GetValue<double>());

        // Dy entering Japan in 2025: 30 kg of CN oxide and 10 kg of AU oxide at Dy 0.871 = 26.13 and 8.71 kg:
        // shares 0.75 / 0.25, HHI 5625 + 625 = 6250, all imported (IR 1), none recycled into manufacturing (EoL-RIR 0).
        var dysprosium = (await ministry.GraphQLAsync(
            "{ supplyRisk(element: \"Dy\", year: 2025) { sourcing { country share massKg } hhi importReliance eolRir } }"))["data"]!["supplyRisk"]!;
        Assert.Equal([("CN", 0.75, 26.13m), ("AU", 0.25, 8.71m)], dysprosium["sourcing"]!.AsArray()
            .Select(s => (s!["country"]!.GetValue<string>(), s["share"]!.GetValue<double>(), s["massKg"]!.GetValue<decimal>())));
        Assert.Equal((6250.0, 1.0, 0.0), (dysprosium["hhi"]!.GetValue<double>(), dysprosium["importReliance"]!.GetValue<double>(),
            dysprosium["eolRir"]!.GetValue<double>()));
    }

    private static double Rate(JsonNode kpis, string list, string element) =>
        kpis[list]!.AsArray().Single(r => r!["element"]!.GetValue<string>() == element)!["rate"]!.GetValue<double>();
}

using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.IntegrationTests.Support;
using Registry.Projections.Kpis;
using Registry.Projections.SupplyRisk;

namespace Registry.IntegrationTests;

/// <summary>
/// KPIs through the real host and the async daemon. Each test runs on a registry of its own (fresh database, own
/// host and daemon), so the national sums it reads are its own whatever year it uses; expected figures are worked
/// out by hand in each comment.
/// </summary>
public sealed class KpiTests : OnItsOwnRegistry
{
    private const string PlasticsFields =
        "year wasteKg reuseKg materialRecyclingKg chemicalRecyclingKg energyRecoveryKg incinerationKg landfillKg " +
        "effectiveUtilizationRate recyclingRate biomassPlacedOnMarketKg targets { kpi year value unit source status referenceDataVersion } " +
        "missing units { figure unit }";
    private const string BatteryFields =
        "year recoveryEfficiency { element rate unit numeratorKg denominatorKg } recycledContent { element rate unit numeratorKg denominatorKg } " +
        "targets { kpi year value } missing units { figure unit }";

    [Fact]
    public async Task Plastic_waste_routes_give_effective_utilization_recycling_rate_and_biomass_by_region_and_material()
    {
        // 2001. JP recycler: 1000 kg of MIXED waste leaves by reuse 50, material recycling 300, chemical
        // recycling 100, energy recovery 400, incineration 100, landfill 50. DE recycler: 100 kg landfilled.
        // All regions: waste 1100; effective = (50+300+100+400)/1100 = 850/1100 = 0.772727...;
        //   recycling = (300+100)/1100 = 0.363636...
        // JP: waste 1000, effective 850/1000 = 0.85, recycling 400/1000 = 0.4.  DE: waste 100, effective 0, recycling 0.
        // Biomass: a JP maker places 200 kg of PET with 30% bio (60 kg) and 50 kg of PP without (0 kg): 60 kg.
        // material PET: no waste (rates null), biomass 60.
        var recycler = await app.NewOrganizationAsync("Recycler");
        var german = await app.NewOrganizationAsync("Recycler", "DE");
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");

        var waste = await recycler.Api.RegisterLotAsync(Waste("MIXED", 1000m, 2001));
        foreach (var (route, kg) in new[] { ("Reuse", 50m), ("EnergyRecovery", 400m), ("Incineration", 100m), ("Landfill", 50m) })
            await TreatAsync(recycler, waste, route, kg, 2001);
        await RecycleAsync(recycler, "MaterialRecycling", waste, 300m, Lots.Output("Plastic", "PP", 270m), 2001);
        await RecycleAsync(recycler, "ChemicalRecycling", waste, 100m, Lots.Output("Plastic", "OTHER", 80m), 2001);
        await TreatAsync(german, await german.Api.RegisterLotAsync(Waste("PP", 100m, 2001)), "Landfill", 100m, 2001);

        var bioPet = await maker.Api.RegisterLotAsync(new
        {
            material = "PET", massKg = 200m, occurredAt = At(2001),
            provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("JP", 0.7m), ("bio", 0.3m)) },
        });
        await PlaceAsync(maker, bioPet, 2001);
        await PlaceAsync(maker, await maker.Api.RegisterLotAsync(new { material = "PP", massKg = 50m, occurredAt = At(2001) }), 2001);
        await app.ProjectionsCaughtUpAsync();

        var all = await PlasticsAsync(ministry, 2001);
        Assert.Equal(1100m, all["wasteKg"]!.GetValue<decimal>());
        Assert.Equal(50m, all["reuseKg"]!.GetValue<decimal>());
        Assert.Equal(300m, all["materialRecyclingKg"]!.GetValue<decimal>());
        Assert.Equal(100m, all["chemicalRecyclingKg"]!.GetValue<decimal>());
        Assert.Equal(400m, all["energyRecoveryKg"]!.GetValue<decimal>());
        Assert.Equal(100m, all["incinerationKg"]!.GetValue<decimal>());
        Assert.Equal(150m, all["landfillKg"]!.GetValue<decimal>());
        Assert.Equal(850.0 / 1100, all["effectiveUtilizationRate"]!.GetValue<double>(), 12);
        Assert.Equal(400.0 / 1100, all["recyclingRate"]!.GetValue<double>(), 12);
        Assert.Equal(60m, all["biomassPlacedOnMarketKg"]!.GetValue<decimal>());
        var target = all["targets"]!.AsArray().Single(t => t!["kpi"]!.GetValue<string>() == "plastics.effectiveUtilizationRate")!;
        Assert.Equal(2035, target["year"]!.GetValue<int>());
        Assert.Equal(1.0, target["value"]!.GetValue<double>());
        Assert.Contains("Resource Circulation Strategy for Plastics", target["source"]!.GetValue<string>());
        Assert.Equal("2026-11-23", target["referenceDataVersion"]!.GetValue<string>());
        Assert.Contains(all["targets"]!.AsArray(), t => t!["kpi"]!.GetValue<string>() == "plastics.biomassPlacedOnMarketKg"
                                                       && t["value"]!.GetValue<double>() == 2e9);

        var japan = await PlasticsAsync(ministry, 2001, region: "JP");
        Assert.Equal(1000m, japan["wasteKg"]!.GetValue<decimal>());
        Assert.Equal(0.85, japan["effectiveUtilizationRate"]!.GetValue<double>(), 12);
        Assert.Equal(0.4, japan["recyclingRate"]!.GetValue<double>(), 12);

        var germany = await PlasticsAsync(ministry, 2001, region: "DE");
        Assert.Equal(100m, germany["wasteKg"]!.GetValue<decimal>());
        Assert.Equal(0.0, germany["effectiveUtilizationRate"]!.GetValue<double>());
        Assert.Equal(0m, germany["biomassPlacedOnMarketKg"]!.GetValue<decimal>());

        var pet = await PlasticsAsync(ministry, 2001, material: "PET");
        Assert.Equal(0m, pet["wasteKg"]!.GetValue<decimal>());
        Assert.Null(pet["effectiveUtilizationRate"]);
        Assert.Equal(60m, pet["biomassPlacedOnMarketKg"]!.GetValue<decimal>());

        // Every figure of all regions, JP and DE has a value: nothing missing. PET: no waste of it, so both rates
        // are null and say why; biomass (60 kg) stands. KR: nothing recorded there.
        Assert.Empty(all["missing"]!.AsArray());
        Assert.Empty(japan["missing"]!.AsArray());
        Assert.Empty(germany["missing"]!.AsArray());
        Assert.Equal(["effectiveUtilizationRate: no PET plastic waste recorded in 2001", "recyclingRate: no PET plastic waste recorded in 2001"],
            Strings(pet["missing"]));
        Assert.Equal(["effectiveUtilizationRate: no plastic waste recorded in KR in 2001", "recyclingRate: no plastic waste recorded in KR in 2001"],
            Strings((await PlasticsAsync(ministry, 2001, region: "KR"))["missing"]));
        var units = all["units"]!.AsArray().ToDictionary(u => u!["figure"]!.GetValue<string>(), u => u!["unit"]!.GetValue<string>());
        Assert.Equal("kg", units["wasteKg"]);
        Assert.Equal("kg", units["landfillKg"]);
        Assert.Equal("kg", units["biomassPlacedOnMarketKg"]);
        Assert.Equal("fraction", units["effectiveUtilizationRate"]);
        Assert.Equal("fraction", units["recyclingRate"]);
        Assert.Equal(10, units.Count); // wasteKg, six routes, two rates, biomass
    }

    [Fact]
    public async Task Plastic_waste_splits_by_the_waste_kind_of_the_lot_leaving_the_waste_stage()
    {
        // 2016. Post-consumer: 100 kg registered as collected waste, 60 kg material recycled, 40 kg landfilled.
        // Pre-consumer: 50 kg of scrap from an active lot, collected as PreConsumer after registration (the kind comes
        // from the collection, not the start), all to energy recovery. Biomass: none is waste, so 0 with wasteKind.
        // PostConsumer: waste 100, effective 60/100 = 0.6, recycling 0.6.  PreConsumer: waste 50, effective 50/50 = 1.0,
        // recycling 0.  Together: waste 150, effective 110/150 = 0.7333..., also asOf now (the facts, not the totals).
        var recycler = await app.NewOrganizationAsync("Recycler");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var post = await recycler.Api.RegisterLotAsync(Waste("PP", 100m, 2016));
        await RecycleAsync(recycler, "MaterialRecycling", post, 60m, Lots.Output("Plastic", "PP", 55m), 2016);
        await TreatAsync(recycler, post, "Landfill", 40m, 2016);
        var scrap = await recycler.Api.RegisterLotAsync(new { material = "PET", massKg = 50m, occurredAt = At(2016) });
        await Expect.StatusAsync(await recycler.Api.PostAsync($"/api/lots/{scrap}/waste-collections",
            new { occurredAt = At(2016, 2), wasteKind = "PreConsumer" }), 200);
        await TreatAsync(recycler, scrap, "EnergyRecovery", 50m, 2016);
        await app.ProjectionsCaughtUpAsync();

        var postConsumer = await PlasticsAsync(ministry, 2016, wasteKind: "PostConsumer");
        Assert.Equal((100m, 60m, 40m, 0m), (postConsumer["wasteKg"]!.GetValue<decimal>(), postConsumer["materialRecyclingKg"]!.GetValue<decimal>(),
            postConsumer["landfillKg"]!.GetValue<decimal>(), postConsumer["energyRecoveryKg"]!.GetValue<decimal>()));
        Assert.Equal((0.6, 0.6), (postConsumer["effectiveUtilizationRate"]!.GetValue<double>(), postConsumer["recyclingRate"]!.GetValue<double>()));
        var preConsumer = await PlasticsAsync(ministry, 2016, wasteKind: "PreConsumer", asOf: DateTimeOffset.UtcNow);
        Assert.Equal((50m, 50m), (preConsumer["wasteKg"]!.GetValue<decimal>(), preConsumer["energyRecoveryKg"]!.GetValue<decimal>()));
        Assert.Equal((1.0, 0.0), (preConsumer["effectiveUtilizationRate"]!.GetValue<double>(), preConsumer["recyclingRate"]!.GetValue<double>()));
        Assert.Equal(0m, preConsumer["biomassPlacedOnMarketKg"]!.GetValue<decimal>());
        foreach (var together in new[] { await PlasticsAsync(ministry, 2016), await PlasticsAsync(ministry, 2016, asOf: DateTimeOffset.UtcNow) })
        {
            Assert.Equal(150m, together["wasteKg"]!.GetValue<decimal>());
            Assert.Equal(110.0 / 150, together["effectiveUtilizationRate"]!.GetValue<double>(), 12);
        }
        Assert.Equal(["effectiveUtilizationRate: no PET PostConsumer plastic waste recorded in 2016", "recyclingRate: no PET PostConsumer plastic waste recorded in 2016"],
            Strings((await PlasticsAsync(ministry, 2016, material: "PET", wasteKind: "PostConsumer"))["missing"]));
    }

    [Fact]
    public async Task A_year_without_data_answers_null_rates_never_zero()
    {
        // 2002 has no events: every denominator is 0, so every rate is null; sums are 0.
        var ministry = await app.NewOrganizationAsync("Ministry");
        await app.ProjectionsCaughtUpAsync();

        var plastics = await PlasticsAsync(ministry, 2002);
        Assert.Equal(0m, plastics["wasteKg"]!.GetValue<decimal>());
        Assert.Null(plastics["effectiveUtilizationRate"]);
        Assert.Null(plastics["recyclingRate"]);
        Assert.Equal(["effectiveUtilizationRate: no plastic waste recorded in 2002", "recyclingRate: no plastic waste recorded in 2002"],
            Strings(plastics["missing"]));

        var battery = await BatteryAsync(ministry, 2002);
        foreach (var rate in battery["recoveryEfficiency"]!.AsArray().Concat(battery["recycledContent"]!.AsArray()))
        {
            Assert.Null(rate!["rate"]);
            Assert.Equal(0m, rate["denominatorKg"]!.GetValue<decimal>());
        }
        // Recovery of Li, Co, Ni, Cu and recycled content of Co, Li, Ni, Pb: 8 null rates, 8 reasons, in that order.
        Assert.Equal(
            [
                .. new[] { "Li", "Co", "Ni", "Cu" }.Select(e => $"recoveryEfficiency.{e}: no {e} recorded in battery lots entering recycling in 2002"),
                .. new[] { "Co", "Li", "Ni", "Pb" }.Select(e => $"recycledContent.{e}: no {e} recorded in battery lots placed on the market in 2002"),
            ],
            Strings(battery["missing"]));

        var rareEarth = await RareEarthAsync(ministry, 2002);
        Assert.Equal(0, rareEarth["xevUnitsPlaced"]!.GetValue<int>());
        Assert.Null(rareEarth["hreFreeShare"]);
        Assert.Equal(["hreFreeShare: no xEV units placed on the market in 2002"], Strings(rareEarth["missing"]));

        var progress = await ProgressAsync(ministry, 2002, 2002);
        Assert.All(progress.Where(p => p!["kpi"]!.GetValue<string>() != "plastics.biomassPlacedOnMarketKg"), p => Assert.Null(p!["value"]));
        // Each null point says why, in the words of its answer; biomass (0 kg) is a value, not missing.
        var points = progress.ToDictionary(p => p!["kpi"]!.GetValue<string>(), p => p!);
        Assert.Equal(["no plastic waste recorded in 2002"], Strings(points["plastics.recyclingRate"]["missing"]));
        Assert.Equal(["no Pb recorded in battery lots placed on the market in 2002"], Strings(points["battery.recycledContent.Pb"]["missing"]));
        Assert.Equal(["no xEV units placed on the market in 2002"], Strings(points["rareEarth.hreFreeShare"]["missing"]));
        Assert.Empty(points["plastics.biomassPlacedOnMarketKg"]["missing"]!.AsArray());
        Assert.Equal(0.0, points["plastics.biomassPlacedOnMarketKg"]["value"]!.GetValue<double>());
        Assert.All(progress, p => Assert.Equal(p!["value"] is null ? 1 : 0, p["missing"]!.AsArray().Count));
        // A point's unit is its targets' unit: kg for biomass, fraction for every rate.
        Assert.Equal("kg", points["plastics.biomassPlacedOnMarketKg"]["unit"]!.GetValue<string>());
        Assert.All(progress.Where(p => p!["target"] is not null),
            p => Assert.Equal(p!["target"]!["unit"]!.GetValue<string>(), p["unit"]!.GetValue<string>()));
        Assert.All(progress.Where(p => p!["kpi"]!.GetValue<string>() != "plastics.biomassPlacedOnMarketKg"),
            p => Assert.Equal("fraction", p!["unit"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Battery_recovery_efficiency_and_recycled_content_per_element()
    {
        // 2003. A waste LIB_PACK of 1000 kg (Li 2%, Co 5%, Ni 15%, Cu 10%); 800 kg go into material recycling:
        // in Li 16, Co 40, Ni 120, Cu 80 kg. Out: 100 kg cobalt sulfate at Co 0.38 (38 kg), 400 kg nickel sulfate
        // at Ni 0.28 (112 kg), 50 kg lithium carbonate at Li 0.188 (9.4 kg), 76 kg copper (76 kg).
        // Recovery: Li 9.4/16 = 0.5875, Co 38/40 = 0.95, Ni 112/120 = 0.933333..., Cu 76/80 = 0.95.
        // Placed: a LIB_CELL of 500 kg (Co 10% = 50 kg of which recycled:post 20% = 10; Li 2% = 10 kg, none
        // recycled; Ni 30% = 150 kg, none) and a LIB_PACK of 200 kg (Co 5% = 10 kg; bulk recycled:pre 50% = 5).
        // An NMC_CATHODE with Co is not a battery lot and does not count.
        // Recycled content: Co (10+5)/(50+10) = 0.25; Li 0/10 = 0; Ni 0/150 = 0; Pb no mass: null.
        var recycler = await app.NewOrganizationAsync("Recycler");
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");

        var pack = await recycler.Api.RegisterLotAsync(new
        {
            category = "BatteryMaterial", material = "LIB_PACK", massKg = 1000m, occurredAt = At(2003), wasteKind = "PostConsumer",
            composition = Lots.Map(("Li", 0.02m), ("Co", 0.05m), ("Ni", 0.15m), ("Cu", 0.10m)),
        });
        await recycler.Api.TransformAsync("MaterialRecycling", [(pack, 800m)],
        [
            Lots.Output("BatteryMaterial", "COBALT_SULFATE", 100m, Lots.Map(("Co", 0.38m))),
            Lots.Output("BatteryMaterial", "NICKEL_SULFATE", 400m, Lots.Map(("Ni", 0.28m))),
            Lots.Output("BatteryMaterial", "LITHIUM_CARBONATE", 50m, Lots.Map(("Li", 0.188m))),
            Lots.Output("BatteryMaterial", "OTHER", 76m, Lots.Map(("Cu", 1m))),
        ], occurredAt: At(2003, 2));

        var cell = await maker.Api.RegisterLotAsync(new
        {
            category = "BatteryMaterial", material = "LIB_CELL", massKg = 500m, occurredAt = At(2003),
            composition = Lots.Map(("Co", 0.10m), ("Li", 0.02m), ("Ni", 0.30m)),
            provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("JP", 1m)), ["Co"] = Lots.Map(("recycled:post", 0.2m), ("CD", 0.8m)) },
        });
        var packPlaced = await maker.Api.RegisterLotAsync(new
        {
            category = "BatteryMaterial", material = "LIB_PACK", massKg = 200m, occurredAt = At(2003),
            composition = Lots.Map(("Co", 0.05m)),
            provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("recycled:pre", 0.5m), ("JP", 0.5m)) },
        });
        var cathode = await maker.Api.RegisterLotAsync(new
        {
            category = "BatteryMaterial", material = "NMC_CATHODE", massKg = 100m, occurredAt = At(2003),
            composition = Lots.Map(("Co", 0.2m)),
        });
        foreach (var lot in new[] { cell, packPlaced, cathode }) await PlaceAsync(maker, lot, 2003);
        await app.ProjectionsCaughtUpAsync();

        var battery = await BatteryAsync(ministry, 2003);
        AssertRate(battery, "recoveryEfficiency", "Li", 9.4m, 16m, 0.5875);
        AssertRate(battery, "recoveryEfficiency", "Co", 38m, 40m, 0.95);
        AssertRate(battery, "recoveryEfficiency", "Ni", 112m, 120m, 112.0 / 120);
        AssertRate(battery, "recoveryEfficiency", "Cu", 76m, 80m, 0.95);
        AssertRate(battery, "recycledContent", "Co", 15m, 60m, 0.25);
        AssertRate(battery, "recycledContent", "Li", 0m, 10m, 0.0);
        AssertRate(battery, "recycledContent", "Ni", 0m, 150m, 0.0);
        AssertRate(battery, "recycledContent", "Pb", 0m, 0m, null);
        // Only Pb has no denominator (no Pb in the lots placed).
        Assert.Equal(["recycledContent.Pb: no Pb recorded in battery lots placed on the market in 2003"], Strings(battery["missing"]));
        Assert.All(battery["recoveryEfficiency"]!.AsArray(), r => Assert.Equal("fraction", r!["unit"]!.GetValue<string>()));
        var units = battery["units"]!.AsArray().ToDictionary(u => u!["figure"]!.GetValue<string>(), u => u!["unit"]!.GetValue<string>());
        Assert.Equal(("fraction", "kg", "kg"), (units["recycledContent.rate"], units["recycledContent.numeratorKg"], units["recycledContent.denominatorKg"]));
        Assert.Contains(battery["targets"]!.AsArray(), t => t!["kpi"]!.GetValue<string>() == "battery.recoveryEfficiency.Li"
                                                           && t["year"]!.GetValue<int>() == 2031 && t["value"]!.GetValue<double>() == 0.8);
        Assert.Contains(battery["targets"]!.AsArray(), t => t!["kpi"]!.GetValue<string>() == "battery.recycledContent.Co"
                                                           && t["year"]!.GetValue<int>() == 2031 && t["value"]!.GetValue<double>() == 0.16);
    }

    [Fact]
    public async Task Large_masses_with_long_fractions_sum_without_overflow()
    {
        // 2007. Two cells of 12,345,678.123 kg at Co 0.123456789012, a third of the Co recycled (0.333333333):
        // exact facts would carry 3 + 12 + 9 = 24 decimals beside 7 integer digits, more than a decimal holds once
        // summed; stored to 9 decimals, Co recycled content is 0.333333333 (to 1e-9) of 2 x 1,524,157.779241275 kg.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");
        for (var i = 0; i < 2; i++)
        {
            var cell = await maker.Api.RegisterLotAsync(new
            {
                category = "BatteryMaterial", material = "LIB_CELL", massKg = 12_345_678.123m, occurredAt = At(2007),
                composition = Lots.Map(("Co", 0.123456789012m)),
                provenance = new Dictionary<string, object>
                {
                    ["*"] = Lots.Map(("JP", 1m)), ["Co"] = Lots.Map(("recycled:post", 0.333333333m), ("CD", 0.666666667m)),
                },
            });
            await PlaceAsync(maker, cell, 2007);
        }
        await app.ProjectionsCaughtUpAsync();

        var battery = await BatteryAsync(ministry, 2007);
        var cobalt = battery["recycledContent"]!.AsArray().Single(r => r!["element"]!.GetValue<string>() == "Co")!;
        Assert.Equal(0.333333333, cobalt["rate"]!.GetValue<double>(), 9);
        Assert.Equal(2 * 1_524_157.779241275m, cobalt["denominatorKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Heavy_rare_earth_free_share_follows_dysprosium_through_the_chain_into_the_cars()
    {
        // 2004. 100 xEVs registered with no Dy or Tb: free. 10 xEVs made from a magnet with 1% Dy (1 kg of Dy in
        // 100 kg) and a 14900 kg body: the derived composition carries Dy 1/15000 > 0: not free. 30 xEVs that
        // declare Tb 0.0001: not free. An xEV lot not placed on the market does not count.
        // Units placed: 100 + 10 + 30 = 140; HRE-free 100; share 100/140 = 0.714285714...
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");

        var free = await maker.Api.RegisterLotAsync(Xev(150_000m, 100, Lots.Map(("Fe", 0.6m))));
        var magnet = await maker.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "NDFEB_MAGNET", massKg = 100m, occurredAt = At(2004),
            composition = Lots.Map(("Nd", 0.29m), ("Dy", 0.01m), ("Fe", 0.65m)), originCountry = "CN",
        });
        var body = await maker.Api.RegisterLotAsync(new
        {
            category = "Product", material = "OTHER", massKg = 14_900m, occurredAt = At(2004), composition = Lots.Map(("Fe", 0.7m)),
        });
        var withDy = (await maker.Api.TransformAsync("Manufacturing", [(magnet, 100m), (body, 14_900m)],
            [Lots.Output("Product", "XEV", 15_000m, units: 10)], occurredAt: At(2004, 2)))[0];
        var withTb = await maker.Api.RegisterLotAsync(Xev(45_000m, 30, Lots.Map(("Fe", 0.6m), ("Tb", 0.0001m))));
        await maker.Api.RegisterLotAsync(Xev(1_500m, 1, Lots.Map(("Fe", 0.6m))));
        foreach (var lot in new[] { free, withDy, withTb }) await PlaceAsync(maker, lot, 2004, day: 3);
        await app.ProjectionsCaughtUpAsync();

        var rareEarth = await RareEarthAsync(ministry, 2004);
        Assert.Equal(140, rareEarth["xevUnitsPlaced"]!.GetValue<int>());
        Assert.Equal(100, rareEarth["hreFreeXevUnits"]!.GetValue<int>());
        Assert.Equal(100.0 / 140, rareEarth["hreFreeShare"]!.GetValue<double>(), 12);
        Assert.Empty(rareEarth["missing"]!.AsArray());
        var units = rareEarth["units"]!.AsArray().ToDictionary(u => u!["figure"]!.GetValue<string>(), u => u!["unit"]!.GetValue<string>());
        Assert.Equal(("units", "units", "fraction"), (units["xevUnitsPlaced"], units["hreFreeXevUnits"], units["hreFreeShare"]));
        var target = rareEarth["targets"]!.AsArray().Single()!;
        Assert.Equal((2030, 0.5), (target["year"]!.GetValue<int>(), target["value"]!.GetValue<double>()));
    }

    [Fact]
    public async Task A_late_event_updates_its_own_year_and_as_of_answers_what_the_registry_knew_then()
    {
        // 2005. 100 kg of waste: 60 kg to energy recovery recorded first; the registry then knows waste 60,
        // effective 60/60 = 1.0. A landfill of 40 kg in 2005 is recorded later (a late event): 2005 now has
        // waste 100 and effective 60/100 = 0.6, while asOf the moment between still answers 60 and 1.0, and asOf
        // a moment before anything answers 0 and null.
        var recycler = await app.NewOrganizationAsync("Recycler");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        var waste = await recycler.Api.RegisterLotAsync(Waste("PP", 100m, 2005));
        await TreatAsync(recycler, waste, "EnergyRecovery", 60m, 2005);
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await Expect.StatusAsync(await recycler.Api.PostAsync($"/api/lots/{waste}/treatments",
            new { occurredAt = "2005-12-31T23:00:00+09:00", route = "Landfill", massKg = 40m }), 200);
        await app.ProjectionsCaughtUpAsync();

        var now = await PlasticsAsync(ministry, 2005);
        Assert.Equal((100m, 0.6), (now["wasteKg"]!.GetValue<decimal>(), now["effectiveUtilizationRate"]!.GetValue<double>()));
        var then = await PlasticsAsync(ministry, 2005, asOf: between);
        Assert.Equal((60m, 1.0), (then["wasteKg"]!.GetValue<decimal>(), then["effectiveUtilizationRate"]!.GetValue<double>()));
        var earlier = await PlasticsAsync(ministry, 2005, asOf: before);
        Assert.Equal(0m, earlier["wasteKg"]!.GetValue<decimal>());
        Assert.Null(earlier["effectiveUtilizationRate"]);
        // Null because nothing had been recorded by then, and the reason says so.
        var missing = Strings(earlier["missing"]);
        Assert.Equal(2, missing.Count);
        Assert.StartsWith("effectiveUtilizationRate: no plastic waste recorded in 2005 (as recorded by 20", missing[0]);
        Assert.Empty(then["missing"]!.AsArray());
    }

    [Fact]
    public async Task Rebuilding_the_projections_from_the_events_gives_the_same_numbers()
    {
        // 2006: 100 kg PET waste, 70 kg material recycling, 30 kg incineration: effective 0.7, recycling 0.7.
        // Then every KPI of 2001-2006 (whatever the other tests recorded) must read the same after a rebuild.
        // The supply-risk facts too: a JP maker's 100 kg of Chinese oxide at Dy 0.8 (80 kg) sourced in 2006.
        var recycler = await app.NewOrganizationAsync("Recycler");
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");
        await maker.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "DY_OXIDE", massKg = 100m, occurredAt = At(2006), originCountry = "CN",
            composition = Lots.Map(("Dy", 0.8m)),
        });
        var waste = await recycler.Api.RegisterLotAsync(Waste("PET", 100m, 2006));
        await RecycleAsync(recycler, "MaterialRecycling", waste, 70m, Lots.Output("Plastic", "PET", 65m), 2006);
        await TreatAsync(recycler, waste, "Incineration", 30m, 2006);
        await app.ProjectionsCaughtUpAsync();
        const string supply = "{ supplyRisk(element: \"Dy\", year: 2006) { sourcing { country share massKg } hhi importReliance } " +
                              "exposure(country: \"CN\", element: \"Dy\", year: 2006) { enteringMassKg lotCount } }";
        var before = await ProgressAsync(ministry, 2001, 2006);
        Assert.Contains(before, p => p!["kpi"]!.GetValue<string>() == "plastics.effectiveUtilizationRate"
                                     && p["year"]!.GetValue<int>() == 2006 && p["value"]!.GetValue<double>() == 0.7);
        var supplyBefore = await ministry.Api.GraphQLAsync(supply);
        Assert.Equal(80m, supplyBefore["data"]!["supplyRisk"]!["sourcing"]![0]!["massKg"]!.GetValue<decimal>());
        Assert.Equal(100m, (await PlasticsAsync(ministry, 2006, region: "JP"))["wasteKg"]!.GetValue<decimal>());

        // The recycler moves to Korea before the rebuild: its 2006 events stay Japanese, as they were recorded.
        await using (var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            var moved = (await session.LoadAsync<Registry.Domain.Organizations.Organization>(recycler.Id))! with { Country = "KR" };
            session.Store(moved);
            await session.SaveChangesAsync();
        }

        var daemon = app.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var projection in new[] { KpiFactsProjection.Name, SupplyFactsProjection.Name })
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(2), CancellationToken.None);
            // A rebuild leaves the shard stopped in a running daemon (the command runs with the API stopped): resume it.
            await daemon.StartAgentAsync($"{projection}:All", CancellationToken.None);
        }
        await app.ProjectionsCaughtUpAsync();

        Assert.Equal(before.ToJsonString(), (await ProgressAsync(ministry, 2001, 2006)).ToJsonString());
        Assert.Equal(100m, (await PlasticsAsync(ministry, 2006, region: "JP"))["wasteKg"]!.GetValue<decimal>());
        Assert.Equal(0m, (await PlasticsAsync(ministry, 2006, region: "KR"))["wasteKg"]!.GetValue<decimal>());
        Assert.Equal(supplyBefore.ToJsonString(), (await ministry.Api.GraphQLAsync(supply)).ToJsonString());
    }

    [Fact]
    public async Task Events_the_daemon_applies_a_second_time_count_once_in_facts_and_totals()
    {
        // 2014. 100 kg PP waste, 80 kg energy recovery, 20 kg landfill: waste 100, effective 80/100 = 0.8.
        // Applying the stream's events to the KPI projection again (a daemon retrying a batch whose commit it
        // did not see) must leave waste 100 and 0.8, both now (running totals) and asOf now (facts).
        var (ministry, waste) = await EnergyRecoveryAndLandfillAsync(2014, 80m, 20m);

        await using (var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            await new KpiFactsProjection().ApplyAsync(session, await session.Events.FetchStreamAsync(waste), CancellationToken.None);
            await session.SaveChangesAsync();
        }

        foreach (var answer in new[] { await PlasticsAsync(ministry, 2014), await PlasticsAsync(ministry, 2014, asOf: DateTimeOffset.UtcNow) })
            Assert.Equal((100m, 0.8), (answer["wasteKg"]!.GetValue<decimal>(), answer["effectiveUtilizationRate"]!.GetValue<double>()));
    }

    [Fact]
    public async Task A_database_whose_facts_predate_the_totals_gets_them_summed_when_the_table_is_created()
    {
        // 2015. 200 kg PP waste, 150 kg energy recovery, 50 kg landfill: waste 200, effective 150/200 = 0.75. With
        // the totals table dropped (a database from before it existed) and the schema migrated again, the current
        // answer must again be waste 200 and 0.75, summed from the facts the table found.
        var (ministry, _) = await EnergyRecoveryAndLandfillAsync(2015, 150m, 50m);

        await using (var drop = app.Services.GetRequiredService<NpgsqlDataSource>()
                         .CreateCommand($"drop table {MartenSetup.Schema}.{KpiFactsProjection.TotalsTableName}"))
            await drop.ExecuteNonQueryAsync();
        await app.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var answer = await PlasticsAsync(ministry, 2015);
        Assert.Equal((200m, 0.75), (answer["wasteKg"]!.GetValue<decimal>(), answer["effectiveUtilizationRate"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Kpis_are_for_ministries_and_admins_and_reject_bad_arguments_with_a_code()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");

        var forbidden = await maker.Api.GraphQLAsync("{ plasticsKpis(year: 2001) { wasteKg } }");
        Assert.Equal("FORBIDDEN", forbidden["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        foreach (var query in new[]
                 {
                     "{ plasticsKpis(year: 2001, material: \"STEEL\") { wasteKg } }",
                     "{ plasticsKpis(year: 2001, region: \"ZZ\") { wasteKg } }",
                     "{ batteryKpis(year: 99999) { year } }",
                     "{ kpiProgress(from: 2010, to: 2001) { kpi } }",
                 })
        {
            var answer = await ministry.Api.GraphQLAsync(query);
            Assert.Equal("INVALID_ARGUMENT", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }
    }

    private static List<string> Strings(JsonNode? list) => list!.AsArray().Select(s => s!.GetValue<string>()).ToList();

    private static object Waste(string material, decimal massKg, int year) =>
        new { material, massKg, occurredAt = At(year), wasteKind = "PostConsumer" };

    private static object Xev(decimal massKg, int units, Dictionary<string, decimal> composition) =>
        new { category = "Product", material = "XEV", massKg, units, composition, occurredAt = At(2004) };

    private static string At(int year, int day = 1) => new DateTimeOffset(year, 3, day, 9, 0, 0, TimeSpan.FromHours(9)).ToString("O");

    private static async Task TreatAsync(Member member, Guid lotId, string route, decimal massKg, int year) =>
        await Expect.StatusAsync(await member.Api.PostAsync($"/api/lots/{lotId}/treatments",
            new { occurredAt = At(year, 2), route, massKg }), 200);

    private static async Task PlaceAsync(Member member, Guid lotId, int year, int day = 2) =>
        await Expect.StatusAsync(await member.Api.PostAsync($"/api/lots/{lotId}/placements",
            new { occurredAt = At(year, day), country = "JP" }), 200);

    private static Task RecycleAsync(Member member, string process, Guid lotId, decimal massKg, object output, int year) =>
        member.Api.TransformAsync(process, [(lotId, massKg)], [output], occurredAt: At(year, 2));

    private static void AssertRate(JsonObject kpis, string list, string element, decimal numerator, decimal denominator, double? rate)
    {
        var entry = kpis[list]!.AsArray().Single(r => r!["element"]!.GetValue<string>() == element)!;
        Assert.Equal(numerator, entry["numeratorKg"]!.GetValue<decimal>());
        Assert.Equal(denominator, entry["denominatorKg"]!.GetValue<decimal>());
        if (rate is null) Assert.Null(entry["rate"]);
        else Assert.Equal(rate.Value, entry["rate"]!.GetValue<double>(), 12);
    }

    private static async Task<JsonObject> DataAsync(Member member, string query, object variables, string field)
    {
        var result = await member.Api.GraphQLAsync(query, variables);
        Assert.Null(result["errors"]);
        return result["data"]![field]!.AsObject();
    }

    /// <summary>A recycler's PP waste of the year leaving by energy recovery and landfill; projections caught up.</summary>
    private async Task<(Member Ministry, Guid Waste)> EnergyRecoveryAndLandfillAsync(int year, decimal energyKg, decimal landfillKg)
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var waste = await recycler.Api.RegisterLotAsync(Waste("PP", energyKg + landfillKg, year));
        await TreatAsync(recycler, waste, "EnergyRecovery", energyKg, year);
        await TreatAsync(recycler, waste, "Landfill", landfillKg, year);
        await app.ProjectionsCaughtUpAsync();
        return (ministry, waste);
    }

    private static Task<JsonObject> PlasticsAsync(
        Member member, int year, string? region = null, string? material = null, DateTimeOffset? asOf = null, string? wasteKind = null) =>
        DataAsync(member,
            "query($year: Int!, $region: String, $material: String, $asOf: DateTime, $wasteKind: WasteKind) { " +
            $"plasticsKpis(year: $year, region: $region, material: $material, asOf: $asOf, wasteKind: $wasteKind) {{ {PlasticsFields} }} }}",
            new { year, region, material, asOf, wasteKind }, "plasticsKpis");

    private static Task<JsonObject> BatteryAsync(Member member, int year) =>
        DataAsync(member, $"query($year: Int!) {{ batteryKpis(year: $year) {{ {BatteryFields} }} }}", new { year }, "batteryKpis");

    private static Task<JsonObject> RareEarthAsync(Member member, int year) =>
        DataAsync(member, "query($year: Int!) { rareEarthKpis(year: $year) { year xevUnitsPlaced hreFreeXevUnits hreFreeShare " +
                          "targets { kpi year value } missing units { figure unit } } }", new { year }, "rareEarthKpis");

    private static async Task<JsonArray> ProgressAsync(Member member, int from, int to)
    {
        var result = await member.Api.GraphQLAsync(
            "query($from: Int!, $to: Int!) { kpiProgress(from: $from, to: $to) { kpi year value unit missing target { kpi year value unit } } }",
            new { from, to });
        Assert.Null(result["errors"]);
        return result["data"]!["kpiProgress"]!.AsArray();
    }
}

namespace Registry.IntegrationTests;

/// <summary>The three hand-checked chains of the transformations issue, end to end over HTTP and GraphQL.</summary>
[Collection(RegistryCollection.Name)]
public sealed class ProvenanceChainTests(RegistryApp app)
{
    [Fact]
    public async Task A_magnet_chain_carries_dysprosium_neodymium_and_iron_origins_into_the_car()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        var dy = await maker.Api.RegisterLotAsync(new { category = "RareMetal", material = "DY_OXIDE", massKg = 100m, originCountry = "CN", composition = Lots.Map(("Dy", 0.87m), ("O", 0.13m)) });
        var nd = await maker.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "ND_OXIDE", massKg = 1000m, composition = Lots.Map(("Nd", 0.857m), ("O", 0.143m)),
            provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("CN", 0.6m), ("AU", 0.4m)) },
        });
        var fe = await maker.Api.RegisterLotAsync(new { category = "RareMetal", material = "IRON", massKg = 3000m, originCountry = "AU", composition = Lots.Map(("Fe", 1m)) });
        var copper = await maker.Api.RegisterLotAsync(new { category = "RareMetal", material = "OTHER", massKg = 500m, originCountry = "CL", composition = Lots.Map(("Cu", 1m)) });
        var body = await maker.Api.RegisterLotAsync(new { category = "Product", material = "OTHER", massKg = 10000m });

        // Alloy, declared assay: Nd 290 kg ≤ 350 × 0.857 = 299.95; Dy 34 kg ≤ 40 × 0.87 = 34.8; Fe 650 ≤ 650.
        var alloy = (await maker.Api.TransformAsync("Manufacturing", [(dy, 40m), (nd, 350m), (fe, 650m)],
            [Lots.Output("RareMetal", "NDFEB_ALLOY", 1000m, Lots.Map(("Nd", 0.29m), ("Dy", 0.034m), ("Fe", 0.65m)))], day: 2))[0];
        var magnets = (await maker.Api.TransformAsync("Manufacturing", [(alloy, 1000m)], [Lots.Output("RareMetal", "NDFEB_MAGNET", 960m)], day: 3))[0];
        var motors = (await maker.Api.TransformAsync("Manufacturing", [(magnets, 960m), (copper, 500m)],
            [Lots.Output("Product", "XEV_MOTOR", 1450m, units: 200)], day: 4))[0];
        var car = (await maker.Api.TransformAsync("Manufacturing", [(motors, 1450m), (body, 10000m)],
            [Lots.Output("Product", "XEV", 11000m, units: 100)], day: 5))[0];

        var xev = await maker.Api.LotAsync(car);
        // Only the Dy oxide held Dy: 100% CN. Only the Nd oxide held Nd: its 0.6 CN / 0.4 AU. Iron: AU. Copper: CL.
        Assert.Equal(new Dictionary<string, decimal> { ["CN"] = 1m }, Lots.Sources(xev, "Dy"));
        Assert.Equal(new Dictionary<string, decimal> { ["CN"] = 0.6m, ["AU"] = 0.4m }, Lots.Sources(xev, "Nd"));
        Assert.Equal(new Dictionary<string, decimal> { ["AU"] = 1m }, Lots.Sources(xev, "Fe"));
        Assert.Equal(new Dictionary<string, decimal> { ["CL"] = 1m }, Lots.Sources(xev, "Cu"));
        // Dy mass, with fractions truncated to 12 places at each derived step:
        // magnets 34/1000 = 0.034 → 960 × 0.034 = 32.64 kg; motors 32.64/1460 = 0.022356164383 → 1450 × that
        // = 32.41643835535 kg; car 32.41643835535/11450 = 0.002831129987 → 11000 × that = 31.142429857 kg.
        Assert.Equal(31.142429857m, Lots.ComponentMassKg(xev, "Dy"));
        Assert.Equal(100, xev["units"]!.GetValue<int>());
        Assert.Equal(0d, xev["recycledContent"]!["total"]!.GetValue<double>());

        // The alloy's bulk: CN 40 + 350 × 0.6 = 250 kg, AU 350 × 0.4 + 650 = 790 kg of 1040 kg:
        // CN 0.240384615|38… → 0.240384615, AU 0.759615384|6… → 0.759615385; sum exactly 1.
        var alloyLot = await maker.Api.LotAsync(alloy);
        Assert.Equal(new Dictionary<string, decimal> { ["AU"] = 0.759615385m, ["CN"] = 0.240384615m }, Lots.Sources(alloyLot, "*"));
        // Inputs lost what they gave: 100 − 40 = 60 kg of Dy oxide remain.
        Assert.Equal(60m, (await maker.Api.LotAsync(dy))["remainingKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_pet_chain_gives_bottles_the_waste_share_as_post_consumer_recycled_content()
    {
        var recycler = await app.NewOrganizationAsync("Recycler", "JP");
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        var waste = await recycler.Api.RegisterLotAsync(new { material = "PET", massKg = 1000m, wasteKind = "PostConsumer" });
        // 1000 kg of post-consumer bottles → 800 kg flakes, 200 kg lost; the flakes are 100% recycled:post.
        var flakes = (await recycler.Api.TransformAsync("MaterialRecycling", [(waste, 1000m)], [Lots.Output("Plastic", "PET", 800m)], day: 2))[0];
        await recycler.Api.TransferAsync(flakes, maker.Name, day: 3);
        var virgin = await maker.Api.RegisterLotAsync(new
        {
            material = "PET", massKg = 2000m, provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("JP", 0.7m), ("bio", 0.3m)) },
        });

        // 600 kg flakes + 1400 kg virgin (980 kg JP, 420 kg bio) → 1900 kg bottles:
        // recycled:post 600/2000 = 0.3, JP 980/2000 = 0.49, bio 420/2000 = 0.21.
        var bottles = (await maker.Api.TransformAsync("Manufacturing", [(flakes, 600m), (virgin, 1400m)],
            [Lots.Output("Plastic", "PET", 1900m)], day: 4))[0];

        var lot = await maker.Api.LotAsync(bottles);
        Assert.Equal(new Dictionary<string, decimal> { ["recycled:post"] = 0.3m, ["JP"] = 0.49m, ["bio"] = 0.21m }, Lots.Sources(lot, "*"));
        Assert.Equal(0.3d, lot["recycledContent"]!["postConsumer"]!.GetValue<double>());
        Assert.Equal(0d, lot["recycledContent"]!["preConsumer"]!.GetValue<double>());
        Assert.Equal(0.3d, lot["recycledContent"]!["total"]!.GetValue<double>());
        Assert.Equal(1900m, lot["massKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_battery_chain_recovers_cobalt_as_post_consumer_recycled_and_a_new_cathode_shows_its_share()
    {
        var recycler = await app.NewOrganizationAsync("Recycler", "JP");
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        // Black mass assay: Co 48 ≤ 50, Li 18 ≤ 20, Ni 140 ≤ 150 kg.
        var blackMass = await recycler.Api.BlackMassFromWastePacksAsync();
        // Sulfate: Co 200 × 0.21 = 42 ≤ 48 kg; carbonate: Li 90 × 0.188 = 16.92 ≤ 18 kg.
        var salts = await recycler.Api.TransformAsync("Refining", [(blackMass, 400m)],
        [
            Lots.Output("BatteryMaterial", "COBALT_SULFATE", 200m, Lots.Map(("Co", 0.21m))),
            Lots.Output("BatteryMaterial", "LITHIUM_CARBONATE", 90m, Lots.Map(("Li", 0.188m))),
        ], day: 3);

        var sulfate = await recycler.Api.LotAsync(salts[0]);
        Assert.Equal(new Dictionary<string, decimal> { ["recycled:post"] = 1m }, Lots.Sources(sulfate, "Co"));
        Assert.Equal(42m, Lots.ComponentMassKg(sulfate, "Co"));
        Assert.Equal(new Dictionary<string, decimal> { ["recycled:post"] = 1m }, Lots.Sources(await recycler.Api.LotAsync(salts[1]), "Li"));

        await recycler.Api.TransferAsync(salts[0], maker.Name, day: 4);
        var virginCobalt = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "COBALT_SULFATE", massKg = 300m, originCountry = "CD", composition = Lots.Map(("Co", 0.21m)) });
        var nickel = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "NICKEL_SULFATE", massKg = 600m, originCountry = "ID", composition = Lots.Map(("Ni", 0.22m)) });
        // Cathode Co: 100 × 0.21 = 21 kg recycled:post + 300 × 0.21 = 63 kg CD → recycled 21/84 = 0.25, CD 0.75.
        var cathode = (await maker.Api.TransformAsync("Manufacturing", [(salts[0], 100m), (virginCobalt, 300m), (nickel, 600m)],
            [Lots.Output("BatteryMaterial", "NMC_CATHODE", 950m)], day: 5))[0];

        var lot = await maker.Api.GraphQLAsync(
            "query($id: ID) { lot(id: $id) { co: recycledContent(component: \"Co\") { postConsumer total } ni: recycledContent(component: \"Ni\") { total } " +
            "provenance { component sources { source share } } } }", new { id = cathode });
        Assert.Equal(0.25d, lot["data"]!["lot"]!["co"]!["postConsumer"]!.GetValue<double>());
        Assert.Equal(0d, lot["data"]!["lot"]!["ni"]!["total"]!.GetValue<double>());
        var cobalt = lot["data"]!["lot"]!["provenance"]!.AsArray().Single(p => p!["component"]!.GetValue<string>() == "Co")!;
        Assert.Equal(0.75d, cobalt["sources"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == "CD")!["share"]!.GetValue<double>());
    }
}

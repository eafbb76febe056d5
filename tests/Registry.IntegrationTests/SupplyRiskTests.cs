using System.Text.Json.Nodes;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// Supply risk and exposure through the real host and the daemon, on the round figures of
/// test-reference-data/supply-risk.json (global Dy: CN 0.7, MM 0.2, AU 0.1; WGI CN 6, MM 8, AU 1, VN 5, JP 1.5;
/// SI Dy 0.99). Each test has a registry of its own.
/// </summary>
public sealed class SupplyRiskTests : OnItsOwnRegistry
{
    private const string Fields =
        "element year importingCountry sourcing { country share massKg } hhi topCountry topShare hhiWgiSourcing hhiWgiGlobal " +
        "importReliance eolRir substitutionIndex supplyRisk aboveThreshold referenceSources missing";

    [Fact]
    public async Task Dysprosium_entering_Japan_gives_shares_hhi_import_reliance_eol_rir_and_the_eu_supply_risk_score()
    {
        // 2008, all Dy masses in kg. Entering JP (registered there as new material, or imported across a border):
        //   oxide A 100 kg at Dy 0.8 from CN = 80 CN; oxide B 50 kg at Dy 0.8, Dy {CN 0.5, MM 0.5} = 20 CN + 20 MM;
        //   a VN maker's 50 kg at Dy 0.8 transferred VN → JP = 40 VN (import); 10 kg of Japanese Dy = 10 JP.
        //   A recycler's post-consumer magnet waste is not new material and does not enter.
        // Primary 170: CN 100, MM 20, VN 40, JP 10 → shares 0.588235, 0.117647, 0.235294, 0.058824.
        // HHI = (100² + 20² + 40² + 10²) / 170² × 10,000 = 12,100 / 28,900 × 10,000 = 4186.851211.
        // HHI_WGI sourcing = (100²·6 + 20²·8 + 40²·5 + 10²·1.5) / 170² = 71,350 / 28,900 = 2.468858.
        // HHI_WGI global = 0.7²·6 + 0.2²·8 + 0.1²·1 = 2.94 + 0.32 + 0.01 = 3.27.
        // IR: imports 160 (all but JP's 10), exports 40 (oxide B to DE): (160 − 40) / (10 + 160 − 40) = 120/130 = 0.923077.
        // EoL-RIR: manufacturing in JP consumed 90 kg of A (72 Dy, CN) and 10 kg of recycled oxide (8 Dy recycled:post):
        //   8 / 80 = 0.1.
        // SR = (3.27 · 0.923077/2 + 2.468858 · (1 − 0.923077/2)) · (1 − 0.1) · 0.99 = 2.838616 · 0.891 = 2.529207.
        var world = await DysprosiumWorldAsync(2008);
        var ministry = await app.NewOrganizationAsync("Ministry");

        var risk = await SupplyRiskAsync(ministry, "Dy", 2008, "JP");
        Assert.Equal(["CN", "VN", "MM", "JP"], risk["sourcing"]!.AsArray().Select(s => s!["country"]!.GetValue<string>()));
        Assert.Equal(100m, risk["sourcing"]![0]!["massKg"]!.GetValue<decimal>());
        Assert.Equal(100.0 / 170, risk["sourcing"]![0]!["share"]!.GetValue<double>(), 12);
        Assert.Equal(12_100.0 / 28_900 * 10_000, risk["hhi"]!.GetValue<double>(), 9);
        Assert.Equal(("CN", 100.0 / 170), (risk["topCountry"]!.GetValue<string>(), risk["topShare"]!.GetValue<double>()));
        Assert.Equal(71_350.0 / 28_900, risk["hhiWgiSourcing"]!.GetValue<double>(), 12);
        Assert.Equal(3.27, risk["hhiWgiGlobal"]!.GetValue<double>(), 12);
        Assert.Equal(120.0 / 130, risk["importReliance"]!.GetValue<double>(), 12);
        Assert.Equal(0.1, risk["eolRir"]!.GetValue<double>(), 12);
        Assert.Equal(0.99, risk["substitutionIndex"]!.GetValue<double>());
        Assert.Equal(2.5292067820069204, risk["supplyRisk"]!.GetValue<double>(), 9);
        Assert.True(risk["aboveThreshold"]!.GetValue<bool>());
        Assert.Empty(risk["missing"]!.AsArray());
        Assert.Contains(risk["referenceSources"]!.AsArray(), s => s!.GetValue<string>().StartsWith("test WGI"));

        // Exposure to CN, Dy, 2008 (ministry): new material from CN 80 + 20 = 100 kg; lots whose Dy provenance
        // includes CN: oxide A, oxide B and the xEV made from A = 3, all the maker's (1 organization). The xEV holds
        // 72 + 8 = 80 kg Dy of which 72 from CN: 0.9 of its Dy supply would stop.
        var exposure = await ExposureAsync(ministry, "CN", "Dy", 2008);
        Assert.Equal(100m, exposure["enteringMassKg"]!.GetValue<decimal>());
        Assert.Equal(3, exposure["lotCount"]!.GetValue<int>());
        Assert.Equal(1, exposure["organizationCount"]!.GetValue<int>());
        Assert.Empty(exposure["lots"]!.AsArray()); // lots name organizations: ministries get counts
        var xev = exposure["products"]!.AsArray().Single()!;
        Assert.Equal(("XEV", 80m, 72m, 0.9), (xev["productType"]!.GetValue<string>(), xev["elementKg"]!.GetValue<decimal>(),
            xev["fromCountryKg"]!.GetValue<decimal>(), xev["shareAtRisk"]!.GetValue<double>()));

        // A company's answer covers the lots it holds or held: the VN maker never held Chinese Dy; the JP maker
        // sees the same 3 lots listed, and its exposure to VN is the 40 kg of Dy it received from the VN maker.
        Assert.Equal(0, (await ExposureAsync(world.Vietnamese, "CN", "Dy", 2008))["lotCount"]!.GetValue<int>());
        Assert.Equal(3, (await ExposureAsync(world.Maker, "CN", "Dy", 2008))["lots"]!.AsArray().Count);
        var received = await ExposureAsync(world.Maker, "VN", "Dy", 2008);
        Assert.Equal((1, 40m), (received["lotCount"]!.GetValue<int>(), received["enteringMassKg"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_magnet_made_abroad_imports_its_dysprosium_origin_and_waste_crossing_a_border_is_not_supply()
    {
        // 2011. A German maker registers 100 kg of oxide at Dy 0.8 from CN (80 kg Dy) and 25 kg at Dy 0.8 from DE
        // (20 kg), makes a 90 kg magnet from the CN oxide (Dy 0.8 x 90 = 72 kg, all CN) and sells it to a Japanese
        // maker: Japan imports 72 kg of Chinese Dy (shares CN 1, HHI 10,000, IR 72/72 = 1).
        // Germany: entering CN 80, DE 20; exports 72: IR = (80 − 72) / (20 + 80 − 72) = 8/28 = 0.285714.
        // A Japanese recycler ships 100 kg of post-consumer magnet waste (10 kg Dy) to a German recycler: scrap, so
        // Germany's sourcing stays CN 0.8 / DE 0.2 and Japan exports nothing.
        var german = await app.NewOrganizationAsync("Manufacturer", "DE");
        var japanese = await app.NewOrganizationAsync("Manufacturer");
        var recycler = await app.NewOrganizationAsync("Recycler");
        var germanRecycler = await app.NewOrganizationAsync("Recycler", "DE");
        var ministry = await app.NewOrganizationAsync("Ministry");

        var chinese = await german.Api.RegisterLotAsync(Oxide(100m, 2011, originCountry: "CN"));
        await german.Api.RegisterLotAsync(Oxide(25m, 2011, originCountry: "DE"));
        var magnet = (await german.Api.TransformAsync("Manufacturing", [(chinese, 100m)],
            [Lots.Output("RareMetal", "NDFEB_MAGNET", 90m)], occurredAt: At(2011, 2)))[0];
        await Expect.StatusAsync(await german.Api.PostAsync($"/api/lots/{magnet}/transfers",
            new { occurredAt = At(2011, 3), toOrganization = japanese.Name }), 200);
        var waste = await recycler.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "NDFEB_MAGNET", massKg = 100m, occurredAt = At(2011), wasteKind = "PostConsumer",
            composition = Lots.Map(("Dy", 0.1m)),
        });
        await Expect.StatusAsync(await recycler.Api.PostAsync($"/api/lots/{waste}/transfers",
            new { occurredAt = At(2011, 2), toOrganization = germanRecycler.Name }), 200);
        await app.ProjectionsCaughtUpAsync();

        var japan = await SupplyRiskAsync(ministry, "Dy", 2011, "JP");
        Assert.Equal([("CN", 72m)], japan["sourcing"]!.AsArray().Select(c => (c!["country"]!.GetValue<string>(), c["massKg"]!.GetValue<decimal>())));
        Assert.Equal((10_000.0, 1.0), (japan["hhi"]!.GetValue<double>(), japan["importReliance"]!.GetValue<double>()));

        var germany = await SupplyRiskAsync(ministry, "Dy", 2011, "DE");
        Assert.Equal([("CN", 0.8), ("DE", 0.2)], germany["sourcing"]!.AsArray().Select(c => (c!["country"]!.GetValue<string>(), c["share"]!.GetValue<double>())));
        Assert.Equal(8.0 / 28, germany["importReliance"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task Missing_inputs_give_null_figures_with_the_reason()
    {
        // 2009: nothing entered JP → no sourcing (HHI 0), IR and EoL-RIR unknown, SR null, each with a reason.
        // Gallium has no global production and no substitution index in the test reference data.
        // A lot sourced from KZ (no WGI in the test data) makes the sourcing HHI_WGI null, and so SR.
        var ministry = await app.NewOrganizationAsync("Ministry");
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await maker.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "DY_OXIDE", massKg = 10m, occurredAt = At(2010), originCountry = "KZ",
            composition = Lots.Map(("Dy", 0.8m)),
        });
        await app.ProjectionsCaughtUpAsync();

        var empty = await SupplyRiskAsync(ministry, "Dy", 2009, "JP");
        Assert.Equal(0.0, empty["hhi"]!.GetValue<double>());
        Assert.Null(empty["topCountry"]);
        Assert.Null(empty["supplyRisk"]);
        Assert.Null(empty["importReliance"]);
        Assert.Null(empty["eolRir"]);
        Assert.Contains(empty["missing"]!.AsArray(), m => m!.GetValue<string>().Contains("no primary Dy entered JP"));
        Assert.Equal(3.27, empty["hhiWgiGlobal"]!.GetValue<double>(), 12);

        var gallium = await SupplyRiskAsync(ministry, "Ga", 2009, "JP");
        Assert.Null(gallium["hhiWgiGlobal"]);
        Assert.Null(gallium["substitutionIndex"]);
        Assert.Contains(gallium["missing"]!.AsArray(), m => m!.GetValue<string>() == "no substitution index for Ga in the reference data");

        var kazakh = await SupplyRiskAsync(ministry, "Dy", 2010, "JP");
        Assert.Equal(1.0, kazakh["topShare"]!.GetValue<double>());
        Assert.Null(kazakh["hhiWgiSourcing"]);
        Assert.Contains(kazakh["missing"]!.AsArray(), m => m!.GetValue<string>() == "sourcing: no WGI for KZ");
    }

    [Fact]
    public async Task Supply_risk_is_for_ministries_and_bad_arguments_answer_a_code()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var forbidden = await maker.Api.GraphQLAsync("{ supplyRisk(element: \"Dy\", year: 2008) { hhi } }");
        Assert.Equal("FORBIDDEN", forbidden["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        foreach (var query in new[]
                 {
                     "{ supplyRisk(element: \"Xx\", year: 2008) { hhi } }",
                     "{ supplyRisk(element: \"Dy\", year: 2008, importingCountry: \"ZZ\") { hhi } }",
                     "{ exposure(country: \"ZZ\") { lotCount } }",
                 })
            Assert.Equal("INVALID_ARGUMENT", (await ministry.Api.GraphQLAsync(query))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private sealed record DysprosiumWorld(Member Maker, Member Vietnamese);

    private async Task<DysprosiumWorld> DysprosiumWorldAsync(int year)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var vietnamese = await app.NewOrganizationAsync("Manufacturer", "VN");
        var german = await app.NewOrganizationAsync("Manufacturer", "DE");
        var recycler = await app.NewOrganizationAsync("Recycler");

        var oxideA = await maker.Api.RegisterLotAsync(Oxide(100m, year, originCountry: "CN"));
        var oxideB = await maker.Api.RegisterLotAsync(Oxide(50m, year, provenance: new Dictionary<string, object>
        {
            ["*"] = Lots.Map(("JP", 1m)), ["Dy"] = Lots.Map(("CN", 0.5m), ("MM", 0.5m)),
        }));
        await maker.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "DY_OXIDE", massKg = 10m, occurredAt = At(year), originCountry = "JP",
            composition = Lots.Map(("Dy", 1m)),
        });
        var imported = await vietnamese.Api.RegisterLotAsync(Oxide(50m, year, originCountry: "VN"));
        await Expect.StatusAsync(await vietnamese.Api.PostAsync($"/api/lots/{imported}/transfers",
            new { occurredAt = At(year, 2), toOrganization = maker.Name }), 200);
        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{oxideB}/transfers",
            new { occurredAt = At(year, 2), toOrganization = german.Name }), 200);

        var waste = await recycler.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "NDFEB_MAGNET", massKg = 100m, occurredAt = At(year), wasteKind = "PostConsumer",
            composition = Lots.Map(("Dy", 0.1m)),
        });
        var recovered = (await recycler.Api.TransformAsync("MaterialRecycling", [(waste, 100m)],
            [Lots.Output("RareMetal", "DY_OXIDE", 10m, Lots.Map(("Dy", 0.8m)))], occurredAt: At(year, 2)))[0];
        await Expect.StatusAsync(await recycler.Api.PostAsync($"/api/lots/{recovered}/transfers",
            new { occurredAt = At(year, 3), toOrganization = maker.Name }), 200);
        await maker.Api.TransformAsync("Manufacturing", [(oxideA, 90m), (recovered, 10m)],
            [new { lotNumber = $"XEV-{Guid.NewGuid():N}", category = "Product", material = "XEV", productType = "XEV", massKg = 100m, units = 1 }],
            occurredAt: At(year, 4));
        await app.ProjectionsCaughtUpAsync();
        return new DysprosiumWorld(maker, vietnamese);
    }

    private static object Oxide(decimal massKg, int year, string? originCountry = null, object? provenance = null) => new
    {
        category = "RareMetal", material = "DY_OXIDE", massKg, occurredAt = At(year), originCountry, provenance,
        composition = Lots.Map(("Dy", 0.8m)),
    };

    private static string At(int year, int day = 1) => new DateTimeOffset(year, 5, day, 9, 0, 0, TimeSpan.FromHours(9)).ToString("O");

    private static async Task<JsonObject> SupplyRiskAsync(Member member, string element, int year, string country)
    {
        var result = await member.Api.GraphQLAsync(
            $"query($element: String!, $year: Int!, $country: String) {{ supplyRisk(element: $element, year: $year, importingCountry: $country) {{ {Fields} }} }}",
            new { element, year, country });
        Assert.Null(result["errors"]);
        return result["data"]!["supplyRisk"]!.AsObject();
    }

    private static async Task<JsonObject> ExposureAsync(Member member, string country, string element, int year)
    {
        var result = await member.Api.GraphQLAsync(
            "query($country: String!, $element: String, $year: Int) { exposure(country: $country, element: $element, year: $year) { " +
            "country component year enteringMassKg lotCount organizationCount lots { id } " +
            "products { productType elementKg fromCountryKg shareAtRisk } } }",
            new { country, element, year });
        Assert.Null(result["errors"]);
        return result["data"]!["exposure"]!.AsObject();
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// A recycler sells part of a lot: the mass becomes a new lot for the receiver, through the route and the import,
/// shown in the trace, and counted once by the KPIs and supply risk. Each test has a registry of its own.
/// </summary>
public sealed class PartialTransferTests : OnItsOwnRegistry
{
    private static readonly Dictionary<string, Dictionary<string, decimal>> RecycledFlakes = new()
    {
        ["*"] = new() { ["recycled:post"] = 0.6m, ["JP"] = 0.4m },
    };

    [Fact]
    public async Task The_route_splits_the_mass_off_as_a_lot_the_receiver_holds_and_the_trace_shows_the_split()
    {
        // 1,000 kg of flakes, 300 kg sold: the parent keeps 1,000 − 300 = 700 kg at version 2; the part starts at
        // 300 kg (version 1) and moves to the buyer (version 2), with the parent's provenance (60 % post-consumer).
        var (recycler, buyer) = (await app.NewOrganizationAsync("Recycler"), await app.NewOrganizationAsync("Manufacturer"));
        var number = $"FLK-{Guid.NewGuid():N}";
        var epcClass = $"https://id.gs1.org/01/04012345123456/10/{number}";
        var flakes = await recycler.Api.RegisterLotAsync(new { lotNumber = number, massKg = 1000m, provenance = RecycledFlakes, epcClass });

        var sale = new { toOrganization = buyer.Name, occurredAt = Lots.At(1), massKg = 300m };
        var response = await recycler.Api.PostAsync($"/api/lots/{flakes}/transfers", sale, idempotencyKey: $"sale-{number}");
        await Expect.StatusAsync(response, 201);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        // A retry with the same key answers the same part and splits nothing more.
        var retry = await recycler.Api.PostAsync($"/api/lots/{flakes}/transfers", sale, idempotencyKey: $"sale-{number}");
        await Expect.StatusAsync(retry, 201);
        Assert.Equal(answer.ToJsonString(), (await retry.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());
        Assert.Equal((flakes, 2), (answer["lotId"]!.GetValue<Guid>(), answer["version"]!.GetValue<int>()));
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        var partId = answer["transferredLotId"]!.GetValue<Guid>();

        var parent = await recycler.Api.LotAsync(flakes);
        Assert.Equal((1000m, 700m, 2), (parent["massKg"]!.GetValue<decimal>(), parent["remainingKg"]!.GetValue<decimal>(), parent["version"]!.GetValue<int>()));
        Assert.Equal(["lot_registered", "lot_split"], parent["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));

        var part = await buyer.Api.LotAsync(partId);
        Assert.Equal(($"{number}/{partId.ToString("N")[^8..]}", recycler.Name, buyer.Name), (part["lotNumber"]!.GetValue<string>(),
            part["organization"]!.GetValue<string>(), part["holder"]!.GetValue<string>()));
        Assert.Equal((300m, 300m, 2), (part["massKg"]!.GetValue<decimal>(), part["remainingKg"]!.GetValue<decimal>(), part["version"]!.GetValue<int>()));
        Assert.Equal(["lot_split_off", "lot_transferred"], part["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(0.6m, Lots.Sources(part, "*")["recycled:post"]);
        // The part is of its parent's GS1 class: both are found by it, each by whoever may see it; the class stays
        // taken for the owner's registrations.
        const string ofClass = "query($c: String) { lots(filter: { epcClass: $c }) { edges { node { id } } } }";
        Assert.Equal([partId], (await buyer.Api.GraphQLAsync(ofClass, new { c = epcClass }))["data"]!["lots"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!["id"]!.GetValue<Guid>()));
        Assert.Equal(2, (await recycler.Api.GraphQLAsync(ofClass, new { c = epcClass }))["data"]!["lots"]!["edges"]!.AsArray().Count);
        await Expect.ProblemAsync(await recycler.Api.RegisterLotAsResponseAsync(new { epcClass }), 409, "epc-class-taken");

        // The buyer never held the parent: the part does not name it to the buyer, as the trace would not show it.
        const string origin = "query($id: ID!) { lot(id: $id) { splitFrom events { type data } } }";
        var seen = (await buyer.Api.GraphQLAsync(origin, new { id = partId }))["data"]!["lot"]!;
        Assert.Null(seen["splitFrom"]);
        var start = seen["events"]![0]!["data"]!.AsObject();
        Assert.False(start.ContainsKey("parentLotId") || start.ContainsKey("splitPath") || start.ContainsKey("custodians"));
        Assert.Equal(300m, start["massKg"]!.GetValue<decimal>());
        var sellers = (await recycler.Api.GraphQLAsync(origin, new { id = partId }))["data"]!["lot"]!;
        Assert.Equal(flakes, sellers["splitFrom"]!.GetValue<Guid>());
        Assert.Equal(flakes, sellers["events"]![0]!["data"]!["parentLotId"]!.GetValue<Guid>());

        // The seller sees both lots and the edge between them; the buyer, who never held the parent, sees the part
        // and one hidden lot.
        const string trace = "query($id: ID!, $direction: TraceDirection!) { trace(lotId: $id, direction: $direction) { " +
                             "nodes { lot { id } } edges { from to kind massKg transformationId } hiddenLots } }";
        var down = (await recycler.Api.GraphQLAsync(trace, new { id = flakes, direction = "DOWNSTREAM" }))["data"]!["trace"]!;
        var edge = down["edges"]!.AsArray().Single()!;
        Assert.Equal((flakes, partId, "SPLIT", 300m), (edge["from"]!.GetValue<Guid>(), edge["to"]!.GetValue<Guid>(),
            edge["kind"]!.GetValue<string>(), edge["massKg"]!.GetValue<decimal>()));
        Assert.Null(edge["transformationId"]);
        var up = (await buyer.Api.GraphQLAsync(trace, new { id = partId, direction = "UPSTREAM" }))["data"]!["trace"]!;
        Assert.Equal((1, 0, 1), (up["nodes"]!.AsArray().Count, up["edges"]!.AsArray().Count, up["hiddenLots"]!.GetValue<int>()));

        // The seller holds the parent, not the part; more than remains is refused and writes nothing.
        await Expect.ProblemAsync(await recycler.Api.PostAsync($"/api/lots/{partId}/placements",
            new { occurredAt = Lots.At(2), country = "JP" }), 403, "not-holder");
        var refused = await Expect.InvalidFieldAsync(await recycler.Api.PostAsync($"/api/lots/{flakes}/transfers",
            new { toOrganization = buyer.Name, occurredAt = Lots.At(2), massKg = 700.001m }), "massKg");
        Assert.Equal("exceeds-remaining-mass", refused["code"]!.GetValue<string>());
        Assert.Equal(2, (await recycler.Api.LotAsync(flakes))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_import_splits_parts_off_line_by_line_and_replays_them()
    {
        // 1,000 kg registered, then 300 kg and 200 kg sold in the same file: two parts, 500 kg left.
        var (recycler, buyer) = (await app.NewOrganizationAsync("Recycler"), await app.NewOrganizationAsync("Manufacturer"));
        var number = $"FLK-{Guid.NewGuid():N}";
        string[] file =
        [
            Imports.Line("RegisterLot", $"{number}-r", Lots.Registration(new { lotNumber = number, massKg = 1000m })),
            Imports.Line("TransferLot", $"{number}-t1", new { toOrganization = buyer.Name, occurredAt = Lots.At(1), massKg = 300m }, new { lotNumber = number }),
            Imports.Line("TransferLot", $"{number}-t2", new { toOrganization = buyer.Name, occurredAt = Lots.At(2), massKg = 200m }, new { lotNumber = number }),
        ];
        var first = await recycler.Api.ImportAsync(file);
        Assert.Equal([201, 201, 201], first.Outcomes.Select(o => o["status"]!.GetValue<int>()));
        var parts = new[] { first.Line(2), first.Line(3) }.Select(o => o["result"]!["transferredLotId"]!.GetValue<Guid>()).ToList();
        Assert.Equal(3, first.Line(3)["result"]!["version"]!.GetValue<int>());

        Assert.Equal(500m, (await recycler.Api.LotAsync(first.LotId(1)))["remainingKg"]!.GetValue<decimal>());
        var second = await buyer.Api.LotAsync(parts[1]);
        Assert.Equal(($"{number}/{parts[1].ToString("N")[^8..]}", 200m, buyer.Name), (second["lotNumber"]!.GetValue<string>(),
            second["massKg"]!.GetValue<decimal>(), second["holder"]!.GetValue<string>()));

        var again = await recycler.Api.ImportAsync(file);
        Assert.Equal(3, again.Count("replayed"));
        Assert.Equal(parts, new[] { again.Line(2), again.Line(3) }.Select(o => o["result"]!["transferredLotId"]!.GetValue<Guid>()));
        Assert.Equal(500m, (await recycler.Api.LotAsync(first.LotId(1)))["remainingKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Plastic_waste_split_between_two_recyclers_counts_once_in_the_kpis()
    {
        // 2024, Japan. Recycler A registers 1,000 kg of post-consumer PP waste, sells 300 kg of it to recycler B.
        // B sends its 300 kg to energy recovery, A its remaining 700 kg to landfill.
        // Waste = 300 + 700 = 1,000 kg (not 1,300): energy recovery 300, landfill 700; effective use 300/1000 = 0.3.
        var (a, b) = (await app.NewOrganizationAsync("Recycler"), await app.NewOrganizationAsync("Recycler"));
        var ministry = await app.NewOrganizationAsync("Ministry");
        var waste = await a.Api.RegisterLotAsync(new { material = "PP", massKg = 1000m, wasteKind = "PostConsumer", occurredAt = "2024-03-01T09:00:00+09:00" });
        var sold = await a.Api.PostAsync($"/api/lots/{waste}/transfers",
            new { toOrganization = b.Name, occurredAt = "2024-04-01T09:00:00+09:00", massKg = 300m });
        await Expect.StatusAsync(sold, 201);
        var part = (await sold.Content.ReadFromJsonAsync<JsonObject>())!["transferredLotId"]!.GetValue<Guid>();
        await Expect.StatusAsync(await b.Api.PostAsync($"/api/lots/{part}/treatments",
            new { occurredAt = "2024-05-01T09:00:00+09:00", route = "EnergyRecovery", massKg = 300m }), 200);
        await Expect.StatusAsync(await a.Api.PostAsync($"/api/lots/{waste}/treatments",
            new { occurredAt = "2024-05-01T09:00:00+09:00", route = "Landfill", massKg = 700m }), 200);
        await app.ProjectionsCaughtUpAsync();

        var kpis = (await ministry.Api.GraphQLAsync(
            "{ plasticsKpis(year: 2024) { wasteKg energyRecoveryKg landfillKg effectiveUtilizationRate } }"))["data"]!["plasticsKpis"]!;
        Assert.Equal((1000m, 300m, 700m), (kpis["wasteKg"]!.GetValue<decimal>(), kpis["energyRecoveryKg"]!.GetValue<decimal>(),
            kpis["landfillKg"]!.GetValue<decimal>()));
        Assert.Equal(0.3, kpis["effectiveUtilizationRate"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task A_part_sold_abroad_imports_its_mass_once_and_exposure_counts_each_kilogram_once()
    {
        // 2024. A Chinese maker registers 100 kg of Dy oxide (Dy 0.8 → 80 kg Dy) and 1,000 kg of xEV motors (Dy 0.01
        // → 10 kg Dy), both of Chinese origin, and sells 30 kg of oxide (24 kg Dy) and 400 kg of motors (4 kg Dy) to a
        // Japanese maker.
        // Supply risk JP: imports from CN 24 + 4 = 28 kg Dy, share 1. CN: registered 80 + 10 = 90 kg Dy (the parts
        //   are not registered again).
        // Exposure to CN, Dy (ministry): entering 90 kg; 2 lots (the parts are their parents' mass again); motors
        //   10 kg Dy, all from CN. The Japanese maker: its 2 parts, 0 kg entering, motors 4 kg Dy. The Chinese maker:
        //   its 2 lots, motors 10 kg Dy (the parts it split off are not counted again).
        var china = await app.NewOrganizationAsync("Manufacturer", "CN");
        var japan = await app.NewOrganizationAsync("Manufacturer", "JP");
        var ministry = await app.NewOrganizationAsync("Ministry");
        const string day = "2024-02-01T09:00:00+08:00";
        var oxide = await china.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "DY_OXIDE", massKg = 100m, occurredAt = day, composition = Lots.Map(("Dy", 0.8m)),
        });
        var motors = await china.Api.RegisterLotAsync(new
        {
            category = "Product", material = "XEV_MOTOR", massKg = 1000m, occurredAt = day, composition = Lots.Map(("Dy", 0.01m)),
        });
        foreach (var (lot, kg) in new[] { (oxide, 30m), (motors, 400m) })
            await Expect.StatusAsync(await china.Api.PostAsync($"/api/lots/{lot}/transfers",
                new { toOrganization = japan.Name, occurredAt = "2024-03-01T09:00:00+08:00", massKg = kg }), 201);
        await app.ProjectionsCaughtUpAsync();

        var jp = await SupplyRiskAsync(ministry, "JP");
        Assert.Equal(("CN", 28m, 1.0), (jp["sourcing"]![0]!["country"]!.GetValue<string>(), jp["sourcing"]![0]!["massKg"]!.GetValue<decimal>(),
            jp["sourcing"]![0]!["share"]!.GetValue<double>()));
        Assert.Single(jp["sourcing"]!.AsArray());
        Assert.Equal(90m, (await SupplyRiskAsync(ministry, "CN"))["sourcing"]![0]!["massKg"]!.GetValue<decimal>());

        var all = await ExposureAsync(ministry);
        Assert.Equal((90m, 2), (all["enteringMassKg"]!.GetValue<decimal>(), all["lotCount"]!.GetValue<int>()));
        Assert.Equal((10m, 10m), Motors(all));
        var buyer = await ExposureAsync(japan);
        Assert.Equal((0m, 2), (buyer["enteringMassKg"]!.GetValue<decimal>(), buyer["lotCount"]!.GetValue<int>()));
        Assert.Equal((4m, 4m), Motors(buyer));
        var seller = await ExposureAsync(china);
        Assert.Equal((90m, 2), (seller["enteringMassKg"]!.GetValue<decimal>(), seller["lotCount"]!.GetValue<int>()));
        Assert.Equal((10m, 10m), Motors(seller));
    }

    [Fact]
    public async Task A_part_of_a_part_sold_back_to_who_held_the_first_lot_is_not_counted_again_in_its_exposure()
    {
        // 2024. X registers 1,000 kg of xEV motors (Dy 0.01 → 10 kg Dy, from CN) and sells them whole to Y; Y sells
        // 400 kg of them to Z, and Z 100 kg of those back to X. X's exposure to CN Dy: the motors it held, 10 kg Dy,
        // 1 lot — the 100 kg part (1 kg Dy) is the motors' mass again. Z: its 400 kg part, 4 kg Dy (the 100 kg it
        // split off is that part's mass again).
        var (x, y, z) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"),
            await app.NewOrganizationAsync("Manufacturer"));
        var motors = await x.Api.RegisterLotAsync(new
        {
            category = "Product", material = "XEV_MOTOR", massKg = 1000m, occurredAt = "2024-02-01T09:00:00+09:00",
            originCountry = "CN", composition = Lots.Map(("Dy", 0.01m)),
        });
        await Expect.StatusAsync(await x.Api.PostAsync($"/api/lots/{motors}/transfers",
            new { toOrganization = y.Name, occurredAt = "2024-03-01T09:00:00+09:00" }), 200);
        var first = await SplitAsync(y, motors, z, 400m, "2024-04-01T09:00:00+09:00");
        await SplitAsync(z, first, x, 100m, "2024-05-01T09:00:00+09:00");
        await app.ProjectionsCaughtUpAsync();

        var atX = await ExposureAsync(x);
        Assert.Equal((1, (10m, 10m)), (atX["lotCount"]!.GetValue<int>(), Motors(atX)));
        var atZ = await ExposureAsync(z);
        Assert.Equal((1, (4m, 4m)), (atZ["lotCount"]!.GetValue<int>(), Motors(atZ)));
    }

    private static async Task<Guid> SplitAsync(Member seller, Guid lot, Member buyer, decimal massKg, string occurredAt)
    {
        var response = await seller.Api.PostAsync($"/api/lots/{lot}/transfers", new { toOrganization = buyer.Name, occurredAt, massKg });
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["transferredLotId"]!.GetValue<Guid>();
    }

    private static (decimal ElementKg, decimal FromCountryKg) Motors(JsonNode exposure)
    {
        var motors = exposure["products"]!.AsArray().Single(p => p!["productType"]!.GetValue<string>() == "XEV_MOTOR")!;
        return (motors["elementKg"]!.GetValue<decimal>(), motors["fromCountryKg"]!.GetValue<decimal>());
    }

    private static async Task<JsonNode> SupplyRiskAsync(Member member, string country)
    {
        var result = await member.Api.GraphQLAsync(
            "query($country: String) { supplyRisk(element: \"Dy\", year: 2024, importingCountry: $country) { sourcing { country share massKg } } }",
            new { country });
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["supplyRisk"]!;
    }

    private static async Task<JsonNode> ExposureAsync(Member member)
    {
        var result = await member.Api.GraphQLAsync(
            "{ exposure(country: \"CN\", element: \"Dy\", year: 2024) { enteringMassKg lotCount products { productType elementKg fromCountryKg } } }");
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["exposure"]!;
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class RegisterLotRouteTests(RegistryApp app)
{
    [Fact]
    public async Task A_registered_lot_answers_201_with_its_id_and_version_and_reads_back()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        var response = await maker.Api.PostAsync("/api/lots", Lots.Registration(new
        {
            lotNumber = "PET-0001",
            massKg = 1200.5m,
            site = "Chiba",
            provenance = new Dictionary<string, object> { ["*"] = new Dictionary<string, decimal> { ["JP"] = 0.7m, ["bio"] = 0.3m } },
        }));

        await Expect.StatusAsync(response, 201);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body["version"]!.GetValue<int>());

        var lot = await maker.Api.LotAsync(body["lotId"]!.GetValue<Guid>());
        Assert.Equal("PET-0001", lot["lotNumber"]!.GetValue<string>());
        Assert.Equal(maker.Name, lot["organization"]!.GetValue<string>());
        Assert.Equal(maker.Name, lot["holder"]!.GetValue<string>());
        Assert.Equal("Plastic", lot["category"]!.GetValue<string>());
        Assert.Equal("Active", lot["stage"]!.GetValue<string>());
        Assert.Equal(1200.5m, lot["massKg"]!.GetValue<decimal>());
        Assert.Equal(1200.5m, lot["remainingKg"]!.GetValue<decimal>());
        // bio share 0.3 of 1200.5 kg = 360.15 kg; JP 0.7 = 840.35 kg.
        var bulk = lot["provenance"]![0]!;
        Assert.Equal("*", bulk["component"]!.GetValue<string>());
        Assert.Equal(840.35m, bulk["sources"]![0]!["massKg"]!.GetValue<decimal>());
        Assert.Equal(360.15m, bulk["sources"]![1]!["massKg"]!.GetValue<decimal>());
        Assert.Equal("lot_registered", lot["events"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_declared_provenance_a_lot_comes_from_its_origin_country()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        var lotId = await maker.Api.RegisterLotAsync(new
        {
            category = "RareMetal", material = "DY_OXIDE", massKg = 50m, originCountry = "CN",
            composition = new Dictionary<string, decimal> { ["Dy"] = 0.8m, ["O"] = 0.2m },
        });

        var lot = await maker.Api.LotAsync(lotId);
        // Dy: 50 kg × 0.8 = 40 kg, all of it CN (the "*" distribution applies to every component).
        var dy = lot["provenance"]!.AsArray().Single(p => p!["component"]!.GetValue<string>() == "Dy")!;
        Assert.Equal(40m, dy["massKg"]!.GetValue<decimal>());
        Assert.Equal("CN", dy["sources"]![0]!["source"]!.GetValue<string>());
        Assert.Equal(1d, dy["sources"]![0]!["share"]!.GetValue<double>());
    }

    public static TheoryData<string, object> BadRegistrations => new()
    {
        { "lotNumber", new { lotNumber = "" } },
        { "lotNumber", new { lotNumber = "has spaces" } },
        { "category", new { category = "Plastik" } },
        { "category", new { category = "7" } },
        { "category", new { category = "Plastic,Product" } },
        { "wasteKind", new { wasteKind = "Household" } },
        { "composition[Co]", new { composition = new Dictionary<string, decimal> { ["Co"] = decimal.MaxValue, ["Ni"] = 1m } } },
        { "provenance[*]", new { provenance = new Dictionary<string, object> { ["*"] = new Dictionary<string, decimal> { ["JP"] = decimal.MaxValue, ["CN"] = 1m } } } },
        { "material", new { material = "NDFEB_MAGNET" } },
        { "massKg", new { massKg = 0m } },
        { "massKg", new { massKg = -5m } },
        { "occurredAt", new { occurredAt = (string?)null } },
        { "occurredAt", new { occurredAt = DateTimeOffset.UtcNow.AddHours(1) } },
        { "originCountry", new { originCountry = "XX" } },
        { "units", new { units = 5 } },
        { "units", new { category = "Product", material = "XEV", units = 0 } },
        { "composition[Xx]", new { composition = new Dictionary<string, decimal> { ["Xx"] = 0.1m } } },
        { "composition[Co]", new { composition = new Dictionary<string, decimal> { ["Co"] = 1.5m } } },
        { "composition", new { composition = new Dictionary<string, decimal> { ["Co"] = 0.6m, ["Ni"] = 0.6m } } },
        { "provenance[*]", new { provenance = new Dictionary<string, object> { ["*"] = new Dictionary<string, decimal> { ["JP"] = 0.5m } } } },
        { "provenance[*]", new { provenance = new Dictionary<string, object> { ["*"] = new Dictionary<string, decimal> { ["recycled:mid"] = 1m } } } },
        { "provenance[Dy]", new { provenance = new Dictionary<string, object> { ["Dy"] = new Dictionary<string, decimal> { ["CN"] = 1m } } } },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_input_names_the_failing_field_and_writes_nothing(string field, object overrides)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var response = await maker.Api.PostAsync("/api/lots", Lots.Registration(overrides));

        await Expect.InvalidFieldAsync(response, field);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await LotNumbersHeldByAsync(maker));
    }

    [Fact]
    public async Task A_lot_number_is_unique_per_organization_but_not_across_them()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var other = await app.NewOrganizationAsync("Manufacturer");
        await maker.Api.RegisterLotAsync(new { lotNumber = "SAME-1" });

        await Expect.ProblemAsync(await maker.Api.RegisterLotAsResponseAsync(new { lotNumber = "SAME-1" }), 409, "lot-number-taken");
        await other.Api.RegisterLotAsync(new { lotNumber = "SAME-1" });
        Assert.Single(await LotNumbersHeldByAsync(maker));
    }

    [Fact]
    public async Task Ministries_do_not_register_lots()
    {
        var ministry = await app.NewOrganizationAsync("Ministry");
        await Expect.ProblemAsync(await ministry.Api.RegisterLotAsResponseAsync(), 403, "forbidden-role");
    }

    [Theory]
    [InlineData("{\"lotNumber\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"massKg\": \"heavy\"}")]
    public async Task Malformed_json_is_a_400(string json)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var response = await maker.Api.PostRawAsync("/api/lots", json);
        await Expect.StatusAsync(response, 400);
        Assert.Empty(await LotNumbersHeldByAsync(maker));
    }

    [Theory]
    [InlineData("2026-01-10T09:00:00")]
    [InlineData("10/01/2026")]
    public async Task A_time_without_an_offset_is_a_400(string occurredAt)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(new { occurredAt })), 400);
        Assert.Empty(await LotNumbersHeldByAsync(maker));
    }

    [Fact]
    public async Task An_empty_body_with_an_idempotency_key_is_a_400()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lots") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Idempotency-Key", "empty");
        await Expect.StatusAsync(await maker.Api.Http.SendAsync(request), 400);
    }

    [Fact]
    public async Task Waste_can_be_registered_as_collected()
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        var lot = await recycler.Api.LotAsync(await recycler.Api.RegisterLotAsync(new { material = "MIXED", wasteKind = "PostConsumer" }));
        Assert.Equal(("Waste", "PostConsumer"), (lot["stage"]!.GetValue<string>(), lot["wasteKind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_null_body_is_a_400()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.InvalidFieldAsync(await maker.Api.PostRawAsync("/api/lots", "null"), "body");
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var response = await maker.Api.PostAsync("/api/lots", Lots.Registration(new { site = new string('x', 2_000_000) }));
        await Expect.ProblemAsync(response, 413, "body-too-large");
        Assert.Empty(await LotNumbersHeldByAsync(maker));
    }

    private static async Task<List<string>> LotNumbersHeldByAsync(Member member)
    {
        var result = await member.Api.GraphQLAsync(
            "query($holder: String) { lots(filter: { holder: $holder }, first: 500) { nodes { lotNumber } } }",
            new { holder = member.Name });
        return result["data"]!["lots"]!["nodes"]!.AsArray().Select(n => n!["lotNumber"]!.GetValue<string>()).ToList();
    }
    [Fact]
    public async Task A_lot_takes_its_gs1_class_in_either_spelling_once_per_organization()
    {
        // urn:epc:class:lgtin:4012345.012345.<lot>: indicator 0, company prefix 4012345, item reference 12345 →
        // GTIN body 0401234512345; check digit, weights 3 and 1 from the right:
        // 5·3 + 4 + 3·3 + 2 + 1·3 + 5 + 4·3 + 3 + 2·3 + 1 + 0·3 + 4 + 0·3 = 64 → 6: GTIN 04012345123456.
        var (maker, other) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"));
        var lot = $"B{Random.Shared.Next(1_000_000)}";
        var canonical = $"https://id.gs1.org/01/04012345123456/10/{lot}";
        var id = await maker.Api.RegisterLotAsync(new { epcClass = $"urn:epc:class:lgtin:4012345.012345.{lot}" });

        var found = await maker.Api.GraphQLAsync("query($c: String) { lots(filter: { epcClass: $c }) { edges { node { id epcClass } } } }",
            new { c = $"https://example.com/01/04012345123456/10/{lot}" });
        var node = found["data"]!["lots"]!["edges"]!.AsArray().Single()!["node"]!;
        Assert.Equal((id, canonical), (node["id"]!.GetValue<Guid>(), node["epcClass"]!.GetValue<string>()));

        await Expect.ProblemAsync(await maker.Api.RegisterLotAsResponseAsync(new { epcClass = canonical }), 409, "epc-class-taken");
        await Expect.StatusAsync(await other.Api.RegisterLotAsResponseAsync(new { epcClass = canonical }), 201);
        foreach (var bad in new[] { "urn:epc:id:sgtin:4012345.012345.1", "https://id.gs1.org/01/04012345123457/10/x", "LOT-1" })
            await Expect.InvalidFieldAsync(await maker.Api.RegisterLotAsResponseAsync(new { epcClass = bad }), "epcClass");
    }
    [Fact]
    public async Task Every_material_the_registry_lists_is_one_it_accepts_and_a_category_lists_only_its_own()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var all = (await maker.Api.GraphQLAsync("{ materials { code category } }"))["data"]!["materials"]!.AsArray();
        Assert.Contains(all, m => m!["code"]!.GetValue<string>() == "XEV" && m["category"]!.GetValue<string>() == "Product");
        foreach (var material in all)
            await Expect.StatusAsync(await maker.Api.RegisterLotAsResponseAsync(new
            {
                category = material!["category"]!.GetValue<string>(), material = material["code"]!.GetValue<string>(),
            }), 201);
        var plastics = (await maker.Api.GraphQLAsync("{ materials(category: Plastic) { code category } }"))["data"]!["materials"]!.AsArray();
        Assert.Equal(["HDPE", "LDPE", "MIXED", "OTHER", "PET", "PP", "PS", "PVC"], plastics.Select(m => m!["code"]!.GetValue<string>()));
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>Battery passports (issue: EU 2023/1542 Art. 77) of a battery chain with recycled cobalt and lithium.</summary>
[Collection(RegistryCollection.Name)]
public sealed class PassportTests(RegistryApp app)
{
    /// <summary>GS1's example GTIN (check digit 2 valid), as a GTIN-14.</summary>
    private const string Gtin = "09506000134352";

    private sealed record Chain(Member Recycler, Member Maker, Guid Battery, Guid Cathode, string BatchNumber);

    /// <summary>
    /// Post-consumer packs → black mass → cobalt sulfate; pre-consumer cathode scrap → lithium carbonate; both mixed with
    /// primary salts into cathode, into 10 EV battery packs placed on the market in DE.
    /// Recycled content of the packs, by mass balance:
    /// Co: 100 kg recycled sulfate × 0.21 = 21 kg recycled:post, 300 kg primary × 0.21 = 63 kg CD → 21/84 = 0.25 post-consumer;
    /// Li: 30 kg recycled carbonate × 0.188 = 5.64 kg recycled:pre, 100 kg primary × 0.188 = 18.8 kg CL →
    ///     5.64/24.44 = 0.230769230|77… → 0.230769231 pre-consumer;
    /// Ni: 600 kg primary × 0.22 = 132 kg ID → 0; Pb: none in the packs → null.
    /// The casing adds Al only, so each share carries through the packs unchanged.
    /// </summary>
    private async Task<Chain> BatteryChainAsync()
    {
        var recycler = await app.NewOrganizationAsync("Recycler", "JP");
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        var scrap = await recycler.Api.RegisterLotAsync(new
        {
            category = "BatteryMaterial", material = "NMC_CATHODE", massKg = 100m, originCountry = "CL", composition = Lots.Map(("Li", 0.07m), ("Co", 0.06m)),
            wasteKind = "PreConsumer",
        });
        var blackMass = await recycler.Api.BlackMassFromWastePacksAsync();
        // Co 200 × 0.21 = 42 ≤ 48 kg in the black mass; Li 30 × 0.188 = 5.64 ≤ 7 kg in the scrap.
        var recycledCobalt = (await recycler.Api.TransformAsync("Refining", [(blackMass, 400m)],
            [Lots.Output("BatteryMaterial", "COBALT_SULFATE", 200m, Lots.Map(("Co", 0.21m)))], day: 3))[0];
        var recycledLithium = (await recycler.Api.TransformAsync("MaterialRecycling", [(scrap, 100m)],
            [Lots.Output("BatteryMaterial", "LITHIUM_CARBONATE", 30m, Lots.Map(("Li", 0.188m)))], day: 3))[0];
        await recycler.Api.TransferAsync(recycledCobalt, maker.Name, day: 4);
        await recycler.Api.TransferAsync(recycledLithium, maker.Name, day: 4);

        var cobalt = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "COBALT_SULFATE", massKg = 300m, originCountry = "CD", composition = Lots.Map(("Co", 0.21m)) });
        var lithium = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "LITHIUM_CARBONATE", massKg = 100m, originCountry = "CL", composition = Lots.Map(("Li", 0.188m)) });
        var nickel = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "NICKEL_SULFATE", massKg = 600m, originCountry = "ID", composition = Lots.Map(("Ni", 0.22m)) });
        var casing = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "OTHER", massKg = 400m, originCountry = "CN", composition = Lots.Map(("Al", 1m)) });
        var cathode = (await maker.Api.TransformAsync("Manufacturing",
            [(recycledCobalt, 100m), (cobalt, 300m), (recycledLithium, 30m), (lithium, 100m), (nickel, 600m)],
            [Lots.Output("BatteryMaterial", "NMC_CATHODE", 1100m)], day: 5))[0];
        var batch = $"B-{Guid.NewGuid():N}"[..20];
        var battery = (await maker.Api.TransformAsync("Manufacturing", [(cathode, 1100m), (casing, 400m)],
            [new { lotNumber = batch, category = "Product", material = "EV_BATTERY_PACK", massKg = 1500m, units = 10, epcClass = $"https://id.gs1.org/01/{Gtin}/10/{batch}" }],
            day: 6))[0];
        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{battery}/placements", new { occurredAt = Lots.At(7), country = "DE" }), 200);
        return new Chain(recycler, maker, battery, cathode, batch);
    }

    private async Task<JsonObject> PassportAsync(ApiClient client, Guid lotId)
    {
        var response = await client.Http.GetAsync($"/passports/{lotId}");
        await Expect.StatusAsync(response, 200);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject RecycledContent(JsonObject passport, string element) =>
        passport["circularity"]!["recycledContent"]!.AsArray().Single(r => r!["element"]!.GetValue<string>() == element)!.AsObject();

    [Fact]
    public async Task The_public_tier_without_a_key_shows_the_recycled_content_by_mass_balance_and_nothing_restricted()
    {
        var chain = await BatteryChainAsync();

        var passport = await PassportAsync(app.Client(null), chain.Battery);

        Assert.Equal($"http://localhost/passports/{chain.Battery}", passport["@id"]!.GetValue<string>());
        Assert.Equal("BatteryPassport", passport["@type"]!.GetValue<string>());
        Assert.Equal("http://localhost/passports/vocab#", passport["@context"]!["@vocab"]!.GetValue<string>());
        var identity = passport["identity"]!;
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/10/{chain.BatchNumber}", identity["gs1Identity"]!.GetValue<string>());
        Assert.Equal(chain.Maker.Name, identity["manufacturer"]!.GetValue<string>());
        Assert.Equal(1500m, identity["massKg"]!.GetValue<decimal>());
        Assert.Equal("Original", identity["status"]!.GetValue<string>());
        Assert.Equal("DE", identity["marketCountry"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse(Lots.At(6)), identity["manufacturingDate"]!.GetValue<DateTimeOffset>());

        // The hand computation of the chain's comment.
        Assert.Equal((0m, 0.25m, 0.25m), Shares(RecycledContent(passport, "Co")));
        Assert.Equal((0.230769231m, 0m, 0.230769231m), Shares(RecycledContent(passport, "Li")));
        Assert.Equal((0m, 0m, 0m), Shares(RecycledContent(passport, "Ni")));
        var lead = RecycledContent(passport, "Pb");
        Assert.True(lead.ContainsKey("total") && lead["total"] is null, lead.ToJsonString());
        Assert.Contains("Mass balance", passport["circularity"]!["method"]!.GetValue<string>());

        var components = passport["chemistry"]!["components"]!.AsArray()
            .ToDictionary(c => c!["component"]!.GetValue<string>(), c => c!["criticalRawMaterial"]?.GetValue<string>());
        Assert.Equal("Cobalt", components["Co"]);
        Assert.Equal("Aluminium/bauxite/alumina", components["Al"]);

        // Nothing of the restricted tier: no member, no origin, no custodian, no event.
        Assert.Null(passport["restricted"]);
        var text = passport.ToJsonString();
        foreach (var secret in new[] { "restricted", "originShares", "custodyChain", "recycled:post", "\"CD\"", chain.Recycler.Name, "remainingKg" })
            Assert.DoesNotContain(secret, text);
    }

    private static (decimal Pre, decimal Post, decimal Total) Shares(JsonObject content) =>
        (content["preConsumer"]!.GetValue<decimal>(), content["postConsumer"]!.GetValue<decimal>(), content["total"]!.GetValue<decimal>());

    [Fact]
    public async Task The_restricted_tier_is_for_the_lots_custodians_and_ministries_not_for_a_stranger_company()
    {
        var chain = await BatteryChainAsync();
        var stranger = await app.NewOrganizationAsync("Manufacturer", "DE");
        var ministry = await app.NewOrganizationAsync("Ministry", "JP");

        Assert.Null((await PassportAsync(stranger.Api, chain.Battery))["restricted"]);
        foreach (var reader in new[] { chain.Maker.Api, ministry.Api })
        {
            var restricted = (await PassportAsync(reader, chain.Battery))["restricted"]!;
            Assert.Equal(chain.Maker.Name, restricted["holder"]!.GetValue<string>());
            var cobalt = restricted["originShares"]!.AsArray().Single(o => o!["component"]!.GetValue<string>() == "Co")!;
            Assert.Equal(new Dictionary<string, decimal> { ["CD"] = 0.75m, ["recycled:post"] = 0.25m },
                cobalt["sources"]!.AsArray().ToDictionary(s => s!["source"]!.GetValue<string>(), s => s!["share"]!.GetValue<decimal>()));
            // Produced by a transformation, then placed on the market: two EPCIS events, each readable at its link.
            var custody = restricted["custodyChain"]!.AsArray();
            Assert.Equal(["TransformationEvent", "ObjectEvent"], custody.Select(e => e!["type"]!.GetValue<string>()));
            Assert.Equal("retail_selling", custody[1]!["bizStep"]!.GetValue<string>());
            await Expect.StatusAsync(await reader.Http.GetAsync(custody[1]!["href"]!.GetValue<string>()), 200);
        }

        // GraphQL, the same passport: the tiers the caller may see.
        const string query = "query($id: ID!) { passport(lotId: $id) { kind identity { lotNumber } " +
                             "circularity { recycledContent { element postConsumer total } } restricted { holder custodyChainTruncated } } }";
        var mine = await chain.Maker.Api.GraphQLAsync(query, new { id = chain.Battery });
        Assert.Equal("BatteryPassport", mine["data"]!["passport"]!["kind"]!.GetValue<string>());
        Assert.Equal(0.25d, mine["data"]!["passport"]!["circularity"]!["recycledContent"]![0]!["postConsumer"]!.GetValue<double>());
        Assert.Equal(chain.Maker.Name, mine["data"]!["passport"]!["restricted"]!["holder"]!.GetValue<string>());
        var theirs = await stranger.Api.GraphQLAsync(query, new { id = chain.Battery });
        Assert.Null(theirs["data"]!["passport"]!["restricted"]);
        Assert.Null(theirs["data"]!["passport"]!["circularity"]!["recycledContent"]![3]!["total"]);
    }

    [Fact]
    public async Task A_grantee_reads_the_restricted_tier_until_the_grant_is_revoked_and_the_owner_sees_the_read()
    {
        var chain = await BatteryChainAsync();
        var carMaker = await app.NewOrganizationAsync("Manufacturer", "DE");
        Assert.Null((await PassportAsync(carMaker.Api, chain.Battery))["restricted"]);

        var granted = await chain.Maker.Api.PostAsync($"/api/lots/{chain.Battery}/grants", new { toOrganization = carMaker.Name, scope = "Lot" });
        await Expect.StatusAsync(granted, 201);
        var grantId = (await granted.Content.ReadFromJsonAsync<JsonObject>())!["grantId"]!.GetValue<Guid>();
        var restricted = (await PassportAsync(carMaker.Api, chain.Battery))["restricted"]!;
        Assert.Equal(chain.Maker.Name, restricted["holder"]!.GetValue<string>());
        // The grantee reads the custody chain's EPCIS events too.
        await Expect.StatusAsync(await carMaker.Api.Http.GetAsync(restricted["custodyChain"]![1]!["href"]!.GetValue<string>()), 200);

        await Expect.StatusAsync(await chain.Maker.Api.Http.DeleteAsync($"/api/lots/{chain.Battery}/grants/{grantId}"), 204);
        Assert.Null((await PassportAsync(carMaker.Api, chain.Battery))["restricted"]);

        // The owner lists the passport read among who read its data (written within a second or two).
        var reads = new List<string>();
        for (var attempt = 0; attempt < 50 && !reads.Contains("passport"); attempt++)
        {
            await Task.Delay(200);
            reads = (await chain.Maker.Api.GraphQLAsync("{ lotReads(first: 100) { reads { lotId reader field } } }"))["data"]!["lotReads"]!["reads"]!
                .AsArray().Where(r => r!["lotId"]!.GetValue<Guid>() == chain.Battery).Select(r => r!["field"]!.GetValue<string>()).ToList();
        }
        Assert.Contains("passport", reads);
    }

    [Fact]
    public async Task A_lot_without_a_public_passport_is_answered_as_a_missing_one_and_its_custodian_previews_it()
    {
        var chain = await BatteryChainAsync();
        var stranger = await app.NewOrganizationAsync("Manufacturer", "DE");
        var missing = Guid.CreateVersion7();

        // The cathode was never placed on the market: to others, exactly a lot that does not exist.
        foreach (var client in new[] { app.Client(null), stranger.Api })
        {
            var unseen = await client.Http.GetAsync($"/passports/{chain.Cathode}");
            var absent = await client.Http.GetAsync($"/passports/{missing}");
            Assert.Equal(404, (int)unseen.StatusCode);
            Assert.Equal(404, (int)absent.StatusCode);
            Assert.Equal(unseen.Content.Headers.ContentType?.ToString(), absent.Content.Headers.ContentType?.ToString());
            Assert.Equal((await absent.Content.ReadAsStringAsync()).Replace(missing.ToString(), "{id}"),
                (await unseen.Content.ReadAsStringAsync()).Replace(chain.Cathode.ToString(), "{id}"));
            Assert.Null((await client.Http.GetAsync($"/passports/{missing}")).Headers.Location);
        }
        var none = await stranger.Api.GraphQLAsync("query($id: ID!) { passport(lotId: $id) { lotId } }", new { id = chain.Cathode });
        Assert.True(none["errors"] is null && none["data"]!["passport"] is null, none.ToJsonString());

        var preview = await PassportAsync(chain.Maker.Api, chain.Cathode);
        Assert.False(preview["placedOnMarket"]!.GetValue<bool>());
        Assert.Equal("ProductPassport", preview["@type"]!.GetValue<string>());
        Assert.NotNull(preview["restricted"]);

        await Expect.ProblemAsync(await app.Client(null).Http.GetAsync("/passports/not-a-lot"), 400, "invalid-lot-id");
        var badId = await stranger.Api.GraphQLAsync("{ passport(lotId: \"x\") { lotId } }");
        Assert.Equal("INVALID_ARGUMENT", Expect.ErrorCode(badId));
    }

    [Fact]
    public async Task A_GS1_Digital_Link_redirects_to_the_passport_of_the_lot_with_that_identity()
    {
        var chain = await BatteryChainAsync();
        var anyone = app.Client(null);

        var resolved = await anyone.Http.GetAsync($"/01/{Gtin}/10/{chain.BatchNumber}");
        Assert.Equal(307, (int)resolved.StatusCode);
        Assert.Equal($"/passports/{chain.Battery}", resolved.Headers.Location?.ToString());
        // The GTIN-13 is the same identity.
        Assert.Equal($"/passports/{chain.Battery}", (await anyone.Http.GetAsync($"/01/{Gtin[1..]}/10/{chain.BatchNumber}")).Headers.Location?.ToString());

        await Expect.ProblemAsync(await anyone.Http.GetAsync($"/01/09506000134353/10/{chain.BatchNumber}"), 400, "invalid-gtin");
        await Expect.ProblemAsync(await anyone.Http.GetAsync($"/01/0950600013435x/10/{chain.BatchNumber}"), 400, "invalid-gtin");
        await Expect.ProblemAsync(await anyone.Http.GetAsync($"/01/{Gtin}/10/{new string('9', 81)}"), 400, "invalid-lot-number");
        await Expect.ProblemAsync(await anyone.Http.GetAsync($"/01/{Gtin}/10/UNKNOWN-{Guid.NewGuid():N}"[..40]), 404, "lot-not-found");
    }

    /// <summary>(A NUL in a path is refused by the server before any route: the test host throws on it instead.)</summary>
    [Theory]
    [InlineData("/passports/%01")]
    [InlineData("/passports/00000000-0000-0000-0000-000000000000")]
    [InlineData("/passports/%7B01a2381b-d0ec-7ebf-9d0e-324bba8994a0%7D")]
    [InlineData("/01/%01/10/B-1")]
    [InlineData("/01/09506000134352/10/%01%7F")]
    [InlineData("/01/09506000134352/10/%25%2F%3F%23")]
    [InlineData("/01/09506000134352/10/%E2%80%8B")]
    [InlineData("/01/00000000000000/10/B-1")]
    [InlineData("/01/%EF%BC%90%EF%BC%99%EF%BC%95%EF%BC%90%EF%BC%96%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91%EF%BC%93%EF%BC%94%EF%BC%93%EF%BC%95%EF%BC%92/10/B-1")]
    public async Task Odd_passport_addresses_are_refused_or_missing_never_a_server_error(string path)
    {
        var response = await app.Client(null).Http.GetAsync(path);
        Assert.True((int)response.StatusCode is 400 or 404, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

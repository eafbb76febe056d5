using System.Net.Http.Headers;
using System.Text;

namespace Registry.IntegrationTests;

/// <summary>Odd input is answered 4xx with the field at fault, and writes nothing (each was once a 500).</summary>
[Collection(RegistryCollection.Name)]
public sealed class InputHygieneTests(RegistryApp app)
{
    [Theory]
    [InlineData("site", "\u0000")]
    [InlineData("site", "Kobe\u0007")]
    [InlineData("lotNumber", "LOT\u001b1")]
    [InlineData("material", "PET\u0085")]
    public async Task A_control_character_in_any_string_is_400_naming_the_field_and_writes_nothing(string field, string value)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var before = await Written.CountAsync();
        var problem = await Expect.InvalidFieldAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(new Dictionary<string, string> { [field] = value })), field);
        Assert.Equal("invalid-text", problem["code"]!.GetValue<string>());
        Assert.Equal(before, await Written.CountAsync());
    }

    [Fact]
    public async Task Control_characters_are_refused_in_nested_fields_names_and_every_route()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        var before = await Written.CountAsync();

        await Expect.InvalidFieldAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/transfers",
            new { occurredAt = Lots.At(1), toOrganization = "Nobody\u0000" }), "toOrganization");
        await Expect.InvalidFieldAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/corrections",
            new { occurredAt = Lots.At(1), massKg = 1m, reason = "re\u0000weighed" }), "reason");
        await Expect.InvalidFieldAsync(await maker.Api.TransformAsResponseAsync("Manufacturing", [(lotId, 10m)],
            [new { lotNumber = "OUT\u00001", category = "Plastic", material = "PET", massKg = 5m }]), "outputs[0].lotNumber");
        await Expect.InvalidFieldAsync(await maker.Api.PostRawAsync("/api/lots",
            "{\"lotNumber\":\"A\",\"composition\":{\"C\\u0000\":0.5}}"), "composition");
        await Expect.InvalidFieldAsync(await app.Client(RegistryApp.AdminKey).PostAsync("/api/organizations",
            new { name = "Evil\u0000Corp", country = "JP", role = "Manufacturer" }), "name");
        Assert.Equal(before, await Written.CountAsync());
    }

    [Fact]
    public async Task Invalid_utf8_and_lone_surrogates_are_400_and_write_nothing()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var before = await Written.CountAsync();
        await Expect.InvalidFieldAsync(await maker.Api.PostRawAsync("/api/lots",
            Lots.Registration().ToJsonString().Replace("\"PET\"", "\"\\ud800\"")), "material");

        var invalid = Encoding.UTF8.GetBytes(Lots.Registration(new { site = "SITE" }).ToJsonString());
        var at = Array.IndexOf(invalid, (byte)'S');
        invalid[at] = 0xC3; // starts a two-byte sequence that the next byte does not continue
        var content = new ByteArrayContent(invalid);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await Expect.InvalidFieldAsync(await maker.Api.Http.PostAsync("/api/lots", content), "site");
        Assert.Equal(before, await Written.CountAsync());
    }

    [Fact]
    public async Task Malformed_json_and_other_media_types_get_the_registrys_problem_answers()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.ProblemAsync(await maker.Api.PostRawAsync("/api/lots", "{\"lotNumber\": "), 400, "malformed-json");
        await Expect.ProblemAsync(await maker.Api.PostRawAsync("/api/lots", new string('[', 200) + new string(']', 200)), 400, "malformed-json");
        var text = new StringContent("lotNumber=A", Encoding.UTF8, "text/plain");
        await Expect.ProblemAsync(await maker.Api.Http.PostAsync("/api/lots", text), 415, "unsupported-media-type");
    }

    [Fact]
    public async Task The_empty_lot_id_is_an_unknown_lot_on_every_route()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var empty = Guid.Empty;
        foreach (var (route, body) in new (string, object)[]
                 {
                     ("transfers", new { occurredAt = Lots.At(1), toOrganization = maker.Name }),
                     ("placements", new { occurredAt = Lots.At(1), country = "JP" }),
                     ("waste-collections", new { occurredAt = Lots.At(1), wasteKind = "PreConsumer" }),
                     ("treatments", new { occurredAt = Lots.At(1), route = "Landfill", massKg = 1m }),
                     ("corrections", new { occurredAt = Lots.At(1), massKg = 1m, reason = "weighed" }),
                 })
            await Expect.ProblemAsync(await maker.Api.PostAsync($"/api/lots/{empty}/{route}", body), 404, "lot-not-found");
        await Expect.ProblemAsync(await maker.Api.TransformAsResponseAsync("Manufacturing", [(empty, 1m)],
            [Lots.Output("Plastic", "PET", 1m)]), 404, "lot-not-found");
        // A bad body is named first, as for any other id.
        await Expect.InvalidFieldAsync(await maker.Api.PostAsync($"/api/lots/{empty}/transfers", new { }), "toOrganization");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    public async Task A_blank_idempotency_key_is_400_not_ignored(string key)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var before = await Written.CountAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lots")
        {
            Content = new StringContent(Lots.Registration().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        await Expect.ProblemAsync(await maker.Api.Http.SendAsync(request), 400, "invalid-idempotency-key");
        Assert.Equal(before, await Written.CountAsync());
    }

    [Fact]
    public async Task An_import_takes_exact_operation_names_only_and_refuses_odd_lines_on_their_own()
    {
        var (maker, recycler) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        var lotId = await maker.Api.RegisterLotAsync(new { lotNumber = "KEEP" });
        var transfer = new { occurredAt = Lots.At(1), toOrganization = recycler.Name };
        var answer = await maker.Api.ImportAsync(
        [
            Imports.Line("RegisterLot,TransferLot", "f1", transfer, new { lotNumber = "KEEP" }), // was run as TransferLot
            Imports.Line("PlaceLotOnMarket,CollectLotAsWaste,TreatWaste", "f2", transfer, new { lotNumber = "KEEP" }), // was a 500
            Imports.Line("2", "f3", transfer, new { lotNumber = "KEEP" }),
            Imports.Line("transferlot", "f4", transfer, new { lotNumber = "KEEP" }),
            Imports.Line(" TransferLot", "f5", transfer, new { lotNumber = "KEEP" }),
            Imports.Line("RegisterLot", "   ", Lots.Registration()),
            Imports.Line("RegisterLot", "f7", Lots.Registration(new { site = "\u0000" })),
            Imports.Line("RegisterLot", "f8", Lots.Registration(new { lotNumber = "FINE" })),
        ]);

        Assert.Equal([400, 400, 400, 400, 400, 400, 400, 201], answer.Outcomes.Select(o => o["status"]!.GetValue<int>()));
        Assert.NotNull(answer.Line(6)["problem"]!["errors"]!["idempotencyKey"]);
        Assert.NotNull(answer.Line(7)["problem"]!["errors"]!["body.site"]);
        Assert.Equal(1, (await maker.Api.LotAsync(lotId))["version"]!.GetValue<int>()); // never moved
    }

    [Fact]
    public async Task An_import_line_of_invalid_utf8_is_refused_alone()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var good = Encoding.UTF8.GetBytes(Imports.Line("RegisterLot", "u1", Lots.Registration(new { lotNumber = "U1" })) + "\n");
        var bad = Encoding.UTF8.GetBytes(Imports.Line("RegisterLot", "u2", Lots.Registration(new { lotNumber = "U2" })) + "\n");
        bad[Array.IndexOf(bad, (byte)'U')] = 0xFF;
        var surrogate = Encoding.UTF8.GetBytes(Imports.Line("RegisterLot", "u3", Lots.Registration(new { lotNumber = "U3" }))
            .Replace("\"U3\"", "\"\\udc00\"") + "\n");
        var answer = await maker.Api.ImportBytesAsync([.. bad, .. surrogate, .. good]);
        Assert.Equal([400, 400, 201], answer.Outcomes.Select(o => o["status"]!.GetValue<int>()));
        Assert.Equal(1, answer.Count("succeeded"));
    }

    [Fact]
    public async Task Unknown_routes_methods_and_ids_that_are_not_ids_get_problem_answers()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.ProblemAsync(await maker.Api.PostAsync("/api/lots/not-a-guid/placements", new { occurredAt = Lots.At(1), country = "JP" }), 404, "route-not-found");
        await Expect.ProblemAsync(await maker.Api.PostAsync("/api/nothing-here", new { }), 404, "route-not-found");
        await Expect.ProblemAsync(await maker.Api.Http.DeleteAsync("/api/lots"), 405, "method-not-allowed");
    }
}

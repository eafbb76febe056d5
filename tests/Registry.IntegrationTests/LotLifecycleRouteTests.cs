using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class LotLifecycleRouteTests(RegistryApp app)
{
    [Fact]
    public async Task A_lot_goes_from_registration_through_market_waste_transfer_treatment_and_correction()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer", "JP");
        var recycler = await app.NewOrganizationAsync("Recycler", "VN");
        var lotId = await maker.Api.RegisterLotAsync(new { category = "Product", material = "PACKAGING", massKg = 800m, units = 4000 });

        await ExpectVersionAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/placements", new { occurredAt = Lots.At(1), country = "JP" }), 2);
        await ExpectVersionAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/waste-collections", new { occurredAt = Lots.At(60), wasteKind = "PostConsumer" }), 3);
        await ExpectVersionAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", new { occurredAt = Lots.At(61), toOrganization = recycler.Name }), 4);
        await ExpectVersionAsync(await recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(65), route = "EnergyRecovery", massKg = 300m }), 5);
        await ExpectVersionAsync(await recycler.Api.PostAsync($"/api/lots/{lotId}/corrections", new { occurredAt = Lots.At(66), massKg = 480m, reason = "reweighed on arrival" }), 6);

        var lot = await recycler.Api.LotAsync(lotId);
        Assert.Equal(recycler.Name, lot["holder"]!.GetValue<string>());
        Assert.Equal(maker.Name, lot["organization"]!.GetValue<string>());
        Assert.Equal("Waste", lot["stage"]!.GetValue<string>());
        Assert.Equal("PostConsumer", lot["wasteKind"]!.GetValue<string>());
        Assert.Equal("JP", lot["marketCountry"]!.GetValue<string>());
        // 800 kg − 300 kg energy recovery = 500 kg; the correction measured 480 kg, so the lot's mass is 780 kg.
        Assert.Equal(480m, lot["remainingKg"]!.GetValue<decimal>());
        Assert.Equal(780m, lot["massKg"]!.GetValue<decimal>());
        Assert.Equal(6, lot["version"]!.GetValue<int>());
        Assert.Equal(
            ["lot_registered", "lot_placed_on_market", "lot_collected_as_waste", "lot_transferred", "lot_treated", "lot_mass_corrected"],
            lot["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        var transfer = lot["events"]![3]!;
        Assert.Equal(maker.Name, transfer["actor"]!.GetValue<string>());
        Assert.Equal("JP", transfer["data"]!["fromCountry"]!.GetValue<string>());
        Assert.Equal("VN", transfer["data"]!["toCountry"]!.GetValue<string>());
        Assert.Equal(recycler.Name, lot["events"]![4]!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Treating_the_whole_remaining_mass_closes_the_lot_and_nothing_more_can_happen()
    {
        var (recycler, lotId) = await WasteLotAsync(100m);
        await ExpectVersionAsync(await recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(3), route = "Landfill", massKg = 100m }), 3);

        var lot = await recycler.Api.LotAsync(lotId);
        Assert.Equal("Closed", lot["stage"]!.GetValue<string>());
        Assert.Equal(0m, lot["remainingKg"]!.GetValue<decimal>());
        await Expect.ProblemAsync(
            await recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(4), route = "Landfill", massKg = 1m }),
            409, "lot-closed");
    }

    [Fact]
    public async Task A_treatment_beyond_the_remaining_mass_is_rejected_on_massKg()
    {
        var (recycler, lotId) = await WasteLotAsync(100m);
        var response = await recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(3), route = "Incineration", massKg = 100.001m });
        var problem = await Expect.InvalidFieldAsync(response, "massKg");
        Assert.Equal("exceeds-remaining-mass", problem["code"]!.GetValue<string>());
        Assert.Equal(100m, (await recycler.Api.LotAsync(lotId))["remainingKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Treatments_apply_only_to_waste()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        await Expect.ProblemAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(1), route = "Reuse", massKg = 1m }),
            409, "not-waste");
    }

    [Fact]
    public async Task Only_the_holder_acts_on_a_lot_and_a_transfer_moves_that_right()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var other = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();

        // Before the transfer the other company cannot see the lot: it is answered as a missing one.
        await Expect.ProblemAsync(
            await other.Api.PostAsync($"/api/lots/{lotId}/placements", new { occurredAt = Lots.At(1), country = "JP" }), 404, "lot-not-found");
        await ExpectVersionAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", new { occurredAt = Lots.At(1), toOrganization = other.Name }), 2);
        await Expect.ProblemAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/placements", new { occurredAt = Lots.At(2), country = "JP" }), 403, "not-holder");
        await ExpectVersionAsync(await other.Api.PostAsync($"/api/lots/{lotId}/placements", new { occurredAt = Lots.At(2), country = "JP" }), 3);
    }

    [Fact]
    public async Task An_event_before_the_lots_previous_event_is_rejected_on_occurredAt()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        var problem = await Expect.InvalidFieldAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/placements", new { occurredAt = Lots.At(-1), country = "JP" }), "occurredAt");
        Assert.Equal("before-previous-event", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_lots_are_404_and_unknown_receivers_are_named()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.ProblemAsync(
            await maker.Api.PostAsync($"/api/lots/{Guid.NewGuid()}/placements", new { occurredAt = Lots.At(1), country = "JP" }), 404, "lot-not-found");

        var lotId = await maker.Api.RegisterLotAsync();
        await Expect.InvalidFieldAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", new { occurredAt = Lots.At(1), toOrganization = "Nobody Ltd" }), "toOrganization");
        await Expect.InvalidFieldAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", new { occurredAt = Lots.At(1), toOrganization = maker.Name }), "toOrganization");
    }

    [Fact]
    public async Task Post_consumer_waste_must_have_been_on_the_market()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        await Expect.ProblemAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/waste-collections", new { occurredAt = Lots.At(1), wasteKind = "PostConsumer" }),
            409, "not-on-market");
    }

    [Fact]
    public async Task Lots_go_only_to_organizations_that_can_hold_them()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var lotId = await maker.Api.RegisterLotAsync();
        var problem = await Expect.InvalidFieldAsync(
            await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", new { occurredAt = Lots.At(1), toOrganization = ministry.Name }), "toOrganization");
        Assert.Equal("receiver-cannot-hold-lots", problem["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("EnergyRecovery,Incineration")]
    [InlineData("2")]
    public async Task Routes_are_single_names(string route)
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        var lotId = await recycler.Api.RegisterLotAsync(new { wasteKind = "PreConsumer" });
        await Expect.InvalidFieldAsync(
            await recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(1), route, massKg = 1m }), "route");
    }

    public static TheoryData<string, string, object> BadCommands => new()
    {
        { "transfers", "toOrganization", new { occurredAt = Lots.At(1) } },
        { "transfers", "toCountry", new { occurredAt = Lots.At(1), toOrganization = "x", toCountry = "ZZ" } },
        { "placements", "country", new { occurredAt = Lots.At(1) } },
        { "placements", "occurredAt", new { country = "JP" } },
        { "waste-collections", "wasteKind", new { occurredAt = Lots.At(1), wasteKind = "Household" } },
        { "treatments", "route", new { occurredAt = Lots.At(1), route = "Composting", massKg = 1m } },
        { "treatments", "massKg", new { occurredAt = Lots.At(1), route = "Landfill", massKg = -1m } },
        { "corrections", "reason", new { occurredAt = Lots.At(1), massKg = 5m } },
        { "corrections", "massKg", new { occurredAt = Lots.At(1), massKg = -5m, reason = "scale" } },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task Bad_lot_commands_name_the_failing_field_and_append_nothing(string route, string field, object body)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        await Expect.InvalidFieldAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/{route}", body), field);
        Assert.Equal(1, (await maker.Api.LotAsync(lotId))["version"]!.GetValue<int>());
    }

    private async Task<(Member Recycler, Guid LotId)> WasteLotAsync(decimal massKg)
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        var lotId = await recycler.Api.RegisterLotAsync(new { material = "MIXED", massKg });
        await ExpectVersionAsync(await recycler.Api.PostAsync($"/api/lots/{lotId}/waste-collections", new { occurredAt = Lots.At(2), wasteKind = "PreConsumer" }), 2);
        return (recycler, lotId);
    }

    private static async Task ExpectVersionAsync(HttpResponseMessage response, int version)
    {
        await Expect.StatusAsync(response, 200);
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.Tag);
        Assert.Equal(version, (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
    }
}

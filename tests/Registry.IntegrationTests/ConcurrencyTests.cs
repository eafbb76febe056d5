using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class ConcurrencyTests(RegistryApp app)
{
    [Fact]
    public async Task If_Match_with_the_current_version_succeeds_and_with_a_stale_one_is_412()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();

        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/waste-collections",
            new { occurredAt = Lots.At(1), wasteKind = "PreConsumer" }, ifMatch: "\"1\""), 200);
        await Expect.ProblemAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/treatments",
            new { occurredAt = Lots.At(2), route = "Landfill", massKg = 1m }, ifMatch: "\"1\""), 412, "stale-version");
        Assert.Equal(2, (await maker.Api.LotAsync(lotId))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Parallel_writers_on_one_lot_never_share_a_version_and_lose_no_mass()
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        var lotId = await recycler.Api.RegisterLotAsync(new { material = "MIXED", massKg = 50m, wasteKind = "PostConsumer" });

        // Eight writers treat 10 kg each of a 50 kg lot at once: at most five can ever succeed.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", new { occurredAt = Lots.At(2), route = "Landfill", massKg = 10m })));

        var succeeded = responses.Where(r => (int)r.StatusCode == 200).ToList();
        var refusals = await Task.WhenAll(responses.Except(succeeded).Select(async r =>
            ((int)r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>())));
        // A loser lost the race (409) or, once five had taken all 50 kg, found too little left (400) or none (409).
        Assert.All(refusals, r => Assert.Contains(r, new[] { (409, "concurrent-write"), (400, "exceeds-remaining-mass"), (409, "lot-closed") }));
        if (refusals.Any(r => r.Item2 != "concurrent-write")) Assert.Equal(5, succeeded.Count);
        Assert.NotEmpty(succeeded);
        var versions = await Task.WhenAll(succeeded.Select(async r =>
            (await r.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>()));
        Assert.Equal(versions.Length, versions.Distinct().Count());

        var lot = await recycler.Api.LotAsync(lotId);
        Assert.Equal(50m - 10m * succeeded.Count, lot["remainingKg"]!.GetValue<decimal>());
        Assert.Equal(1 + succeeded.Count, lot["events"]!.AsArray().Count);
        Assert.Equal(1 + succeeded.Count, lot["version"]!.GetValue<int>());
    }
}

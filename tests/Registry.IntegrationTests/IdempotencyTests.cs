using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class IdempotencyTests(RegistryApp app)
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_and_registers_one_lot()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var body = Lots.Registration();

        var first = await maker.Api.PostAsync("/api/lots", body, idempotencyKey: "register-1");
        var retry = await maker.Api.PostAsync("/api/lots", body, idempotencyKey: "register-1");

        await Expect.StatusAsync(retry, 201);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Single(await HeldLotsAsync(maker));
    }

    [Fact]
    public async Task A_retried_lot_command_appends_once()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        var placement = new { occurredAt = Lots.At(1), country = "JP" };

        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/placements", placement, idempotencyKey: "place-1"), 200);
        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/placements", placement, idempotencyKey: "place-1"), 200);

        Assert.Equal(2, (await maker.Api.LotAsync(lotId))["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_retried_transfer_gets_the_first_answer_though_the_lot_has_moved_on()
    {
        // The retry is decided afresh (the key is looked for only when a request fails): the sender no longer holds
        // the lot and If-Match names the version before the transfer, so the write is refused, and gives way to the
        // first answer.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var recycler = await app.NewOrganizationAsync("Recycler");
        var lotId = await maker.Api.RegisterLotAsync();
        var transfer = new { occurredAt = Lots.At(1), toOrganization = recycler.Name };

        var first = await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", transfer, idempotencyKey: "send-1", ifMatch: "\"1\"");
        var retry = await maker.Api.PostAsync($"/api/lots/{lotId}/transfers", transfer, idempotencyKey: "send-1", ifMatch: "\"1\"");

        await Expect.StatusAsync(first, 200);
        await Expect.StatusAsync(retry, 200);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, (await recycler.Api.LotAsync(lotId))["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_refused_request_with_a_used_key_is_422()
    {
        // A body the validator refuses, on a key whose first answer was a success: the key's misuse is what is answered.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(), idempotencyKey: "used"), 201);
        await Expect.ProblemAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(new { massKg = -1m }), idempotencyKey: "used"),
            422, "idempotency-key-reused");
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_writes_nothing()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(), idempotencyKey: "reused"), 201);
        await Expect.ProblemAsync(
            await maker.Api.PostAsync("/api/lots", Lots.Registration(), idempotencyKey: "reused"), 422, "idempotency-key-reused");
        Assert.Single(await HeldLotsAsync(maker));
    }

    [Fact]
    public async Task Keys_belong_to_one_organization()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var other = await app.NewOrganizationAsync("Manufacturer");
        var body = Lots.Registration();
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/lots", body, idempotencyKey: "shared-key"), 201);
        await Expect.StatusAsync(await other.Api.PostAsync("/api/lots", body, idempotencyKey: "shared-key"), 201);
        Assert.Single(await HeldLotsAsync(other));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_register_one_lot()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var body = Lots.Registration();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            maker.Api.PostAsync("/api/lots", body, idempotencyKey: "burst")));

        var lots = await HeldLotsAsync(maker);
        Assert.Single(lots);
        foreach (var response in responses)
        {
            // Each is the first answer (or its replay), or "still in progress, retry".
            if ((int)response.StatusCode == 409)
            {
                await Expect.ProblemAsync(response, 409, "idempotency-key-in-flight");
                continue;
            }
            await Expect.StatusAsync(response, 201);
            Assert.Equal(lots[0], (await response.Content.ReadFromJsonAsync<JsonObject>())!["lotId"]!.GetValue<Guid>());
        }
        var retry = await maker.Api.PostAsync("/api/lots", body, idempotencyKey: "burst");
        Assert.Equal(lots[0], (await retry.Content.ReadFromJsonAsync<JsonObject>())!["lotId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_failed_request_is_not_remembered()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(new { massKg = -1m }), idempotencyKey: "fix-me"), 400);
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/lots", Lots.Registration(), idempotencyKey: "fix-me"), 201);
    }

    private static async Task<List<Guid>> HeldLotsAsync(Member member)
    {
        var result = await member.Api.GraphQLAsync(
            "query($holder: String) { lots(filter: { holder: $holder }) { nodes { id } } }", new { holder = member.Name });
        return result["data"]!["lots"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()).ToList();
    }
}

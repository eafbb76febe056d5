using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>Issuing a new API key: the old one stops at once, cached or not; the answer is never cached.</summary>
[Collection(RegistryCollection.Name)]
public sealed class KeyLifecycleTests(RegistryApp app)
{
    [Fact]
    public async Task An_organization_replaces_its_own_key_and_the_old_one_stops_working_at_once()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await maker.Api.RegisterLotAsResponseAsync(), 201); // the old key is now cached

        var issued = await maker.Api.PostAsync($"/api/organizations/{maker.Id}/api-keys", new { });
        await Expect.StatusAsync(issued, 201);
        Assert.True(issued.Headers.CacheControl?.NoStore);
        var answer = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(maker.Id, answer["organizationId"]!.GetValue<Guid>());
        var newKey = answer["apiKey"]!.GetValue<string>();

        await Expect.ProblemAsync(await maker.Api.RegisterLotAsResponseAsync(), 401, "unauthenticated");
        await Expect.StatusAsync(await app.Client(newKey).RegisterLotAsResponseAsync(), 201);
    }

    [Fact]
    public async Task An_admin_replaces_any_organizations_key_and_others_may_not()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var other = await app.NewOrganizationAsync("Recycler");

        await Expect.ProblemAsync(await other.Api.PostAsync($"/api/organizations/{maker.Id}/api-keys", new { }), 403, "forbidden-organization");
        await Expect.StatusAsync(await maker.Api.RegisterLotAsResponseAsync(), 201);

        var issued = await app.Client(RegistryApp.AdminKey).PostAsync($"/api/organizations/{maker.Id}/api-keys", new { });
        await Expect.StatusAsync(issued, 201);
        await Expect.ProblemAsync(await maker.Api.RegisterLotAsResponseAsync(), 401, "unauthenticated");
        await Expect.ProblemAsync(
            await app.Client(RegistryApp.AdminKey).PostAsync($"/api/organizations/{Guid.NewGuid()}/api-keys", new { }), 404, "organization-not-found");
    }

    [Fact]
    public async Task A_retried_key_request_replays_without_the_key_and_issues_none_again()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var first = await maker.Api.PostAsync($"/api/organizations/{maker.Id}/api-keys", new { }, idempotencyKey: "rotate-1");
        var key = (await first.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        var renewed = app.Client(key);

        var retry = await renewed.PostAsync($"/api/organizations/{maker.Id}/api-keys", new { }, idempotencyKey: "rotate-1");
        await Expect.StatusAsync(retry, 201);
        Assert.Null((await retry.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]);
        await Expect.StatusAsync(await renewed.RegisterLotAsResponseAsync(), 201);
    }

    [Fact]
    public async Task The_registration_answer_that_carries_a_key_is_not_cached()
    {
        var response = await app.Client(RegistryApp.AdminKey).PostAsync("/api/organizations",
            new { name = $"Maker-{Guid.NewGuid():N}", country = "JP", role = "Manufacturer" });
        await Expect.StatusAsync(response, 201);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}

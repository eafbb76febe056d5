using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.IntegrationTests;

/// <summary>Keys across restarts and across API processes sharing one database.</summary>
public sealed class KeysAcrossProcessesTests
{
    [Fact]
    public async Task A_new_bootstrap_key_replaces_the_old_one_at_the_next_start()
    {
        var database = await TestDatabase.CreateAsync("registry_tests_bootstrap");
        await using (var first = Start(database, "first-admin-key"))
            await Expect.StatusAsync(await RegisterAsync(first, "first-admin-key"), 201);

        await using var second = Start(database, "second-admin-key");
        await Expect.StatusAsync(await RegisterAsync(second, "second-admin-key"), 201);
        await Expect.ProblemAsync(await RegisterAsync(second, "first-admin-key"), 401, "unauthenticated");
    }

    [Fact]
    public async Task A_key_issued_through_the_route_survives_a_restart_with_the_same_bootstrap_setting()
    {
        var database = await TestDatabase.CreateAsync("registry_tests_bootstrap_kept");
        string issued;
        await using (var first = Start(database, "kept-admin-key"))
        {
            var admin = await first.Client("kept-admin-key").Http.GetAsync($"/graphql?query={{__typename}}");
            await Expect.StatusAsync(admin, 200);
            var id = await AdminIdAsync(first);
            var answer = await first.Client("kept-admin-key").PostAsync($"/api/organizations/{id}/api-keys", new { });
            issued = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        }

        await using var second = Start(database, "kept-admin-key");
        await Expect.StatusAsync(await RegisterAsync(second, issued), 201);
        await Expect.ProblemAsync(await RegisterAsync(second, "kept-admin-key"), 401, "unauthenticated");
    }

    /// <summary>The bootstrap admin's id, as the directory in its database holds it.</summary>
    private static async Task<Guid> AdminIdAsync(SeparateHost host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Query<Registry.Domain.Organizations.Organization>()
            .FirstAsync(o => o.Name == Registry.Api.Organizations.BootstrapAdmin.Name)).Id;
    }

    [Fact]
    public async Task A_key_replaced_through_one_process_stops_working_in_another_that_had_it_cached()
    {
        // Both processes would trust a checked key for 10 minutes: only the notification can stop it sooner.
        var database = await TestDatabase.CreateAsync("registry_tests_peers");
        await using var one = Start(database, "peer-admin-key", cacheSeconds: 600);
        await using var other = Start(database, "peer-admin-key", cacheSeconds: 600);
        var registered = (await (await RegisterAsync(one, "peer-admin-key")).Content.ReadFromJsonAsync<JsonObject>())!;
        var (organizationId, oldKey) = (registered["organizationId"]!.GetValue<Guid>(), registered["apiKey"]!.GetValue<string>());
        await Expect.StatusAsync(await other.Client(oldKey).RegisterLotAsResponseAsync(), 201); // cached by the other process

        await Expect.StatusAsync(await one.Client(oldKey).PostAsync($"/api/organizations/{organizationId}/api-keys", new { }), 201);
        var watch = Stopwatch.StartNew();
        while ((int)(await other.Client(oldKey).RegisterLotAsResponseAsync()).StatusCode != 401 && watch.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(20);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the other process accepted the old key for {watch.Elapsed}");
    }

    private static SeparateHost Start(string database, string adminKey, int cacheSeconds = 10) =>
        SeparateHost.Start("Production", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Registry"] = database,
            ["Registry__BootstrapAdminKey"] = adminKey,
            ["Registry__ProjectionDaemon"] = "Disabled",
            ["Registry__ApiKeyCacheSeconds"] = cacheSeconds.ToString(),
            ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
            ["Registry__Integrity__SigningKey"] = ProductionRegistry.SigningKey,
        });

    private static Task<HttpResponseMessage> RegisterAsync(SeparateHost host, string adminKey) =>
        host.Client(adminKey).PostAsync("/api/organizations", new { name = $"Maker-{Guid.NewGuid():N}", country = "JP", role = "Manufacturer" });
}

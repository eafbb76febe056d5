namespace Registry.IntegrationTests;

/// <summary>The bootstrap admin's key follows its setting across restarts.</summary>
public sealed class BootstrapAdminKeyTests
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

    private static SeparateHost Start(string database, string adminKey) => SeparateHost.Start("Production", new Dictionary<string, string?>
    {
        ["ConnectionStrings__Registry"] = database,
        ["Registry__BootstrapAdminKey"] = adminKey,
        ["Registry__ProjectionDaemon"] = "Disabled",
        ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
    });

    private static Task<HttpResponseMessage> RegisterAsync(SeparateHost host, string adminKey) =>
        host.Client(adminKey).PostAsync("/api/organizations", new { name = $"Maker-{Guid.NewGuid():N}", country = "JP", role = "Manufacturer" });
}

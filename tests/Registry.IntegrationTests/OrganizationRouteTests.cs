using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class OrganizationRouteTests(RegistryApp app)
{
    [Fact]
    public async Task Admin_registers_an_organization_whose_key_then_authenticates()
    {
        var name = $"Resin-{Guid.NewGuid():N}";
        var response = await app.Client(RegistryApp.AdminKey)
            .PostAsync("/api/organizations", new { name, country = "JP", role = "Manufacturer" });

        await Expect.StatusAsync(response, 201);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(name, body["name"]!.GetValue<string>());
        Assert.Equal("Manufacturer", body["role"]!.GetValue<string>());
        Assert.Equal("JP", body["country"]!.GetValue<string>());
        var key = body["apiKey"]!.GetValue<string>();
        await Expect.StatusAsync(await app.Client(key).RegisterLotAsResponseAsync(), 201);
    }

    [Fact]
    public async Task A_key_tells_whose_it_is_through_viewer()
    {
        var recycler = await app.NewOrganizationAsync("Recycler", country: "DE", gln: "4012345000009");

        var viewer = (await recycler.Api.GraphQLAsync("{ viewer { name role country gln } }"))["data"]!["viewer"]!;

        Assert.Equal(recycler.Name, viewer["name"]!.GetValue<string>());
        Assert.Equal("Recycler", viewer["role"]!.GetValue<string>());
        Assert.Equal("DE", viewer["country"]!.GetValue<string>());
        Assert.Equal("4012345000009", viewer["gln"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_admins_register_organizations()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var response = await maker.Api.PostAsync("/api/organizations", new { name = "X", country = "JP", role = "Admin" });
        await Expect.ProblemAsync(response, 403, "forbidden-role");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-registered-key")]
    [InlineData("Basic abc")]
    public async Task Requests_without_a_known_key_get_401(string? authorization)
    {
        var client = app.Client(null);
        if (authorization is not null) client.Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.PostAsync("/api/lots", Lots.Registration());
        await Expect.ProblemAsync(response, 401, "unauthenticated");
    }

    [Fact]
    public async Task Bad_organization_fields_are_named()
    {
        var response = await app.Client(RegistryApp.AdminKey)
            .PostAsync("/api/organizations", new { name = "", country = "XX", role = "Emperor" });
        var problem = await Expect.InvalidFieldAsync(response, "name");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("country"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("role"));
    }

    [Fact]
    public async Task An_organization_may_give_its_party_gln_once_and_with_a_valid_check_digit()
    {
        // 401234500001 → check digit: from the right 1·3 + 0 + 0·3 + 0 + 0·3 + 5 + 4·3 + 3 + 2·3 + 1 + 0·3 + 4 = 34 → 6.
        Assert.Equal('6', Registry.Domain.Identifiers.Gs1CheckDigit.Of("401234500001"));
        var gln = RandomGln();
        var admin = app.Client(RegistryApp.AdminKey);
        var response = await admin.PostAsync("/api/organizations", new { name = $"Gln-{Guid.NewGuid():N}", country = "JP", role = "Recycler", gln });
        await Expect.StatusAsync(response, 201);
        Assert.Equal(gln, (await response.Content.ReadFromJsonAsync<JsonObject>())!["gln"]!.GetValue<string>());

        await Expect.ProblemAsync(await admin.PostAsync("/api/organizations",
            new { name = $"Gln-{Guid.NewGuid():N}", country = "JP", role = "Recycler", gln }), 409, "gln-taken");
        var wrongDigit = gln[..12] + (char)('0' + (gln[12] - '0' + 1) % 10);
        foreach (var bad in new[] { wrongDigit, gln[..12], "４０１２３４５０００００１６", "urn:epc:id:pgln:4012345.00001" })
            await Expect.InvalidFieldAsync(await admin.PostAsync("/api/organizations",
                new { name = $"Gln-{Guid.NewGuid():N}", country = "JP", role = "Recycler", gln = bad }), "gln");
    }

    [Fact]
    public async Task The_directory_lists_organizations_by_role_with_their_gln_and_nothing_secret()
    {
        var gln = RandomGln();
        var admin = app.Client(RegistryApp.AdminKey);
        var name = $"Dir-{Guid.NewGuid():N}";
        await Expect.StatusAsync(await admin.PostAsync("/api/organizations", new { name, country = "VN", role = "Recycler", gln }), 201);
        var maker = await app.NewOrganizationAsync("Manufacturer");

        var result = await maker.Api.GraphQLAsync("{ organizations(role: Recycler) { name role country gln } }");
        Assert.Null(result["errors"]);
        var entries = result["data"]!["organizations"]!.AsArray();
        var entry = entries.Single(e => e!["name"]!.GetValue<string>() == name)!;
        Assert.Equal(("Recycler", "VN", gln), (entry["role"]!.GetValue<string>(), entry["country"]!.GetValue<string>(), entry["gln"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("Recycler", e!["role"]!.GetValue<string>()));
        Assert.DoesNotContain(entries, e => e!["name"]!.GetValue<string>() == maker.Name);
    }

    private static string RandomGln()
    {
        var body = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + Random.Shared.Next(10))));
        return body + Registry.Domain.Identifiers.Gs1CheckDigit.Of(body);
    }

    [Fact]
    public async Task A_taken_name_is_a_conflict()
    {
        var existing = await app.NewOrganizationAsync("Recycler");
        var response = await app.Client(RegistryApp.AdminKey)
            .PostAsync("/api/organizations", new { name = existing.Name, country = "JP", role = "Recycler" });
        await Expect.ProblemAsync(response, 409, "organization-name-taken");
    }

    [Fact]
    public async Task A_retried_registration_answers_the_same_organization_without_showing_the_key_again()
    {
        var admin = app.Client(RegistryApp.AdminKey);
        var body = new { name = $"Retry-{Guid.NewGuid():N}", country = "DE", role = "Recycler" };

        var first = await admin.PostAsync("/api/organizations", body, idempotencyKey: "org-retry-1");
        var second = await admin.PostAsync("/api/organizations", body, idempotencyKey: "org-retry-1");

        await Expect.StatusAsync(second, 201);
        var a = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var b = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(a["organizationId"]!.GetValue<Guid>(), b["organizationId"]!.GetValue<Guid>());
        Assert.NotNull(a["apiKey"]);
        Assert.Null(b["apiKey"]);
    }
}

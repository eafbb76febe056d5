using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>Every 201 says where what it created is read, and reading there finds it (EPCIS's: EpcisCaptureTests).</summary>
[Collection(RegistryCollection.Name)]
public sealed class LocationTests(RegistryApp app)
{
    [Fact]
    public async Task A_registered_lot_is_read_at_its_location_and_a_replay_says_the_same()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var key = $"lot-{Guid.NewGuid():N}";
        var registration = Lots.Registration();
        var created = await maker.Api.PostAsync("/api/lots", registration, idempotencyKey: key);
        await Expect.StatusAsync(created, 201);
        var lotId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["lotId"]!.GetValue<Guid>();

        var lot = await ReadAsync(maker.Api, created, "lot");
        Assert.Equal(lotId.ToString(), lot["id"]!.GetValue<string>());

        var replay = await maker.Api.PostAsync("/api/lots", registration, idempotencyKey: key);
        await Expect.StatusAsync(replay, 201);
        Assert.Equal(created.Headers.Location, replay.Headers.Location);
    }

    [Fact]
    public async Task A_transformation_and_a_partial_transfer_locate_what_they_created()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var buyer = await app.NewOrganizationAsync("Manufacturer");
        var input = await maker.Api.RegisterLotAsync(new { massKg = 100m });

        var transformed = await maker.Api.TransformAsResponseAsync("Manufacturing", [(input, 50m)], [Lots.Output("Plastic", "PET", 50m)]);
        await Expect.StatusAsync(transformed, 201);
        var transformationId = (await transformed.Content.ReadFromJsonAsync<JsonObject>())!["transformationId"]!.GetValue<string>();
        Assert.Equal(transformationId, (await ReadAsync(maker.Api, transformed, "transformation"))["id"]!.GetValue<string>());

        var split = await maker.Api.PostAsync($"/api/lots/{input}/transfers", new { toOrganization = buyer.Name, occurredAt = Lots.At(6), massKg = 20m });
        await Expect.StatusAsync(split, 201);
        var part = (await split.Content.ReadFromJsonAsync<JsonObject>())!["transferredLotId"]!.GetValue<string>();
        Assert.Equal(part, (await ReadAsync(buyer.Api, split, "lot"))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_organization_and_its_new_key_locate_the_organization_as_its_key_reads_it()
    {
        var admin = app.Client(RegistryApp.AdminKey);
        var name = $"Recycler-{Guid.NewGuid():N}";
        var registered = await admin.PostAsync("/api/organizations", new { name, country = "JP", role = "Recycler" });
        await Expect.StatusAsync(registered, 201);
        var answer = (await registered.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(name, (await ReadAsync(app.Client(answer["apiKey"]!.GetValue<string>()), registered, "viewer"))["name"]!.GetValue<string>());

        var issued = await admin.PostAsync($"/api/organizations/{answer["organizationId"]}/api-keys", new { });
        await Expect.StatusAsync(issued, 201);
        var newKey = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        Assert.Equal(name, (await ReadAsync(app.Client(newKey), issued, "viewer"))["name"]!.GetValue<string>());
    }

    /// <summary>Follows the answer's Location (a GraphQL GET) and returns the field it reads.</summary>
    private static async Task<JsonObject> ReadAsync(ApiClient reader, HttpResponseMessage created, string field)
    {
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/graphql?query=", location);
        var read = await reader.Http.GetAsync(location);
        await Expect.StatusAsync(read, 200);
        var body = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]![field]!.AsObject();
    }
}

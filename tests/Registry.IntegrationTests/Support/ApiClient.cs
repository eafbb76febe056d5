using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests.Support;

public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostAsync(
        string path, object body, string? idempotencyKey = null, string? ifMatch = null) =>
        PostRawAsync(path, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), idempotencyKey, ifMatch);

    public Task<HttpResponseMessage> PostRawAsync(
        string path, string json, string? idempotencyKey = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> RegisterLotAsResponseAsync(object? overrides = null) =>
        PostAsync("/api/lots", Lots.Registration(overrides));

    /// <summary>Registers a lot and returns its id; <paramref name="overrides"/> replace the default fields.</summary>
    public async Task<Guid> RegisterLotAsync(object? overrides = null)
    {
        var response = await RegisterLotAsResponseAsync(overrides);
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["lotId"]!.GetValue<Guid>();
    }

    public Task<HttpResponseMessage> TransformAsResponseAsync(
        string process, IEnumerable<(Guid LotId, decimal MassKg)> inputs, IEnumerable<object> outputs, int day = 5,
        string? occurredAt = null) =>
        PostAsync("/api/transformations", new
        {
            process,
            occurredAt = occurredAt ?? Lots.At(day),
            inputs = inputs.Select(i => new { lotId = i.LotId, massKg = i.MassKg }),
            outputs,
        });

    /// <summary>Records a transformation and returns the ids of its output lots, in request order.</summary>
    public async Task<List<Guid>> TransformAsync(
        string process, IEnumerable<(Guid LotId, decimal MassKg)> inputs, IEnumerable<object> outputs, int day = 5,
        string? occurredAt = null)
    {
        var response = await TransformAsResponseAsync(process, inputs, outputs, day, occurredAt);
        await Expect.StatusAsync(response, 201);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["outputLotIds"]!.AsArray().Select(id => id!.GetValue<Guid>()).ToList();
    }

    public async Task TransferAsync(Guid lotId, string toOrganization, int day = 1) =>
        await Expect.StatusAsync(await PostAsync($"/api/lots/{lotId}/transfers", new { occurredAt = Lots.At(day), toOrganization }), 200);

    /// <summary>Registers an organization through the admin route (this client being an admin's): its name, id and key.</summary>
    public async Task<(string Name, Guid Id, string ApiKey)> RegisterOrganizationAsync(string role, string country = "JP", string? gln = null)
    {
        var name = $"{role}-{Guid.NewGuid():N}";
        var response = await PostAsync("/api/organizations", new { name, country, role, gln });
        await Expect.StatusAsync(response, 201);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (name, answer["organizationId"]!.GetValue<Guid>(), answer["apiKey"]!.GetValue<string>());
    }

    /// <summary>Runs a GraphQL query and returns the whole response (data and errors).</summary>
    public async Task<JsonObject> GraphQLAsync(string query, object? variables = null)
    {
        var response = await PostAsync("/graphql", new { query, variables });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> LotAsync(Guid lotId)
    {
        var result = await GraphQLAsync(
            "query($id: ID!) { lot(id: $id) { id lotNumber organization holder category material productType units " +
            "massKg remainingKg stage wasteKind marketCountry version producedBy " +
            "recycledContent { component preConsumer postConsumer total } " +
            "composition { component fraction massKg } provenance { component massKg sources { source share massKg } } " +
            "events { type occurredAt recordedAt actor version data } } }",
            new { id = lotId });
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["lot"]!.AsObject();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Datasets;

namespace Registry.Benchmarks;

/// <summary>GraphQL latency: one client, one query after the other, as a ministry reads (it sees every lot).</summary>
public static class Queries
{
    public static async Task<List<(string Name, string Query, object? Variables)>> ForAsync(
        string url, Organizations orgs, DatasetGenerator dataset)
    {
        var (first, last) = dataset.RegrindLoops().Last();
        var (root, leaf) = (await LotIdAsync(url, orgs, first), await LotIdAsync(url, orgs, last));
        const string trace = "query($id: ID!, $d: TraceDirection!) { trace(lotId: $id, direction: $d, maxDepth: 10) { truncated nodes { depth lot { id lotNumber remainingKg } } edges { from to massKg } } }";
        var year = dataset.Options.Year;
        return
        [
            ("lot", "query($id: ID) { lot(id: $id) { id lotNumber holder stage massKg remainingKg version composition { component fraction } } }", new { id = leaf }),
            ("trace depth 10 downstream", trace, new { id = root, d = "DOWNSTREAM" }),
            ("trace depth 10 upstream", trace, new { id = leaf, d = "UPSTREAM" }),
            ("plasticsKpis", $"{{ plasticsKpis(year: {year}) {{ wasteKg effectiveUtilizationRate recyclingRate biomassPlacedOnMarketKg }} }}", null),
            ("batteryKpis", $"{{ batteryKpis(year: {year + 1}) {{ recoveryEfficiency {{ element rate }} recycledContent {{ element rate }} }} }}", null),
            ("rareEarthKpis", $"{{ rareEarthKpis(year: {year}) {{ xevUnitsPlaced hreFreeXevUnits hreFreeShare }} }}", null),
            ("kpiProgress", $"{{ kpiProgress(from: {year}, to: {year + 1}) {{ kpi year value }} }}", null),
        ];
    }

    public static async Task<LatencyResult> MeasureAsync(string url, string key, string query, object? variables, TimeSpan duration)
    {
        using var http = Client(url, key);
        var result = await Latency.MeasureAsync(1, duration, async (_, _) =>
        {
            using var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            return response.IsSuccessStatusCode && body?["errors"] is null;
        });
        if (result.Failures > 0) Console.WriteLine($"{result.Failures} failed answers to {query}");
        return result;
    }

    private static async Task<Guid> LotIdAsync(string url, Organizations orgs, string lotNumber)
    {
        using var http = Client(url, orgs.RecyclerKey);
        var response = await http.PostAsJsonAsync("/graphql", new
        {
            query = "query($n: String, $o: String) { lot(lotNumber: $n, organization: $o) { id } }",
            variables = new { n = lotNumber, o = orgs.RecyclerName },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["data"]!["lot"]!["id"]!.GetValue<Guid>();
    }

    public static HttpClient Client(string url, string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(url) };
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}

/// <summary>Single commands over HTTP: lot registrations, each with its own idempotency key.</summary>
public static class Commands
{
    public static async Task<LatencyResult> RegisterLotsAsync(string url, string key, int clients, TimeSpan duration)
    {
        using var http = Queries.Client(url, key);
        var run = Guid.NewGuid().ToString("N")[..8];
        return await Latency.MeasureAsync(clients, duration, async (client, n) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lots")
            {
                Content = JsonContent.Create(new
                {
                    lotNumber = $"CMD-{run}-{client}-{n}", category = "Plastic", material = "PP", massKg = 100m,
                    occurredAt = "2025-06-01T09:00:00+09:00",
                }),
            };
            request.Headers.Add("Idempotency-Key", $"cmd-{run}-{client}-{n}");
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        });
    }

    /// <summary>The floor under every command: an HTTP round trip to the same server that does no work.</summary>
    public static async Task<LatencyResult> HealthAsync(string url, int clients, TimeSpan duration)
    {
        using var http = Queries.Client(url, null);
        return await Latency.MeasureAsync(clients, duration, async (_, _) =>
        {
            using var response = await http.GetAsync("/health/live");
            return response.IsSuccessStatusCode;
        });
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Registry.IntegrationTests.Fuzz;

/// <summary>
/// A few thousand bent requests over every POST route, the import and GraphQL (deterministic seed): none is answered
/// 5xx, and none that is refused writes anything.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class FuzzTests(RegistryApp app, ITestOutputHelper output)
{
    private const int Seed = 20261201, Cases = 3000;

    [Fact]
    public async Task Odd_requests_get_no_5xx_and_refused_ones_write_nothing()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var other = await app.NewOrganizationAsync("Recycler");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var ownLot = await maker.Api.RegisterLotAsync(new { massKg = 1_000_000m });
        var wasteLot = await maker.Api.RegisterLotAsync(new { massKg = 1_000_000m, wasteKind = "PostConsumer" });
        var othersLot = await other.Api.RegisterLotAsync();
        var fuzzer = new RequestFuzzer(new Random(Seed), new(ownLot, wasteLot, othersLot, maker.Id, maker.Name, other.Name));
        var senders = new Dictionary<string, HttpClient>
        {
            ["maker"] = maker.Api.Http, ["ministry"] = ministry.Api.Http, ["admin"] = app.Client(RegistryApp.AdminKey).Http,
        };
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < Cases; i++)
        {
            var fuzz = fuzzer.Next();
            var before = await Written.CountAsync();
            var (status, applied) = await SendAsync(senders[fuzz.Sender], fuzz);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"case {i} answered {status}: {fuzz}");
            if (!applied) Assert.True(before == await Written.CountAsync(), $"case {i} was refused ({status}) but wrote: {fuzz}");
        }
        var summary = $"{Cases} cases, seed {Seed}: " + string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}")) +
                      $"; {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} × 5xx";
        output.WriteLine(summary);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, SummaryFile), summary); // ./test.sh prints it
    }

    public const string SummaryFile = "fuzz-summary.txt";

    /// <summary>The status (an import's worst line status when it answered 200) and whether anything was applied.</summary>
    private static async Task<(int Status, bool Applied)> SendAsync(HttpClient http, FuzzCase fuzz)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, fuzz.Path) { Content = new ByteArrayContent(fuzz.Body) };
        if (fuzz.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
        foreach (var (name, value) in fuzz.Headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        if (!fuzz.IsImport || status != 200) return (status, status < 300 && fuzz.Path != "/graphql");

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.True(lines[^1]["summary"] is not null, $"the import ended without a summary: {lines[^1].ToJsonString()}");
        var outcomes = lines.SkipLast(1).Select(l => l["status"]!.GetValue<int>()).ToList();
        return (outcomes.DefaultIfEmpty(200).Max(), outcomes.Any(s => s < 300));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>
/// Names and histories are loaded together for a whole level of a query: a page costs the same number of database
/// queries whatever its length. Queries are counted from Npgsql's own traces of the one request.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class GraphQLQueryCountTests(RegistryApp app)
{
    private const string Page = "query($first: Int) { lots(first: $first) { nodes { id organization holder events { type actor occurredAt } } } }";

    [Fact]
    public async Task A_page_of_lots_with_names_and_histories_costs_the_same_queries_for_3_lots_as_for_60()
    {
        var (maker, _) = await LotsHeldByTwoAsync("count", 60, transferred: 30);
        // Names the process has read cost no query (the next test): both pages count with the names known.
        await CountQueriesAsync(maker.Api, 3);

        var (small, smallQueries) = await CountQueriesAsync(maker.Api, 3);
        var (large, largeQueries) = await CountQueriesAsync(maker.Api, 60);

        Assert.Equal(3, small.Count);
        Assert.Equal(60, large.Count);
        Assert.Equal(2, large.Select(l => l!["holder"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(60 + 30, large.Sum(l => l!["events"]!.AsArray().Count));
        Assert.Equal(smallQueries, largeQueries);
        Assert.InRange(largeQueries, 1, 8);
    }

    [Fact]
    public async Task Names_cost_one_query_for_a_page_the_first_time_and_none_after()
    {
        var (maker, recycler) = await LotsHeldByTwoAsync("names", 10, transferred: 5);

        var (first, firstQueries) = await CountQueriesAsync(maker.Api, 10);
        var (again, againQueries) = await CountQueriesAsync(maker.Api, 10);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal([maker.Name, recycler.Name], again.Select(l => l!["holder"]!.GetValue<string>()).Distinct().Order());
        Assert.Equal(firstQueries - 1, againQueries);
    }

    [Fact]
    public async Task Total_count_costs_one_count_query_and_nothing_when_not_asked_for()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        for (var i = 0; i < 3; i++) await maker.Api.RegisterLotAsync(new { lotNumber = $"TOTAL-{i}" });
        const string counted = "query($first: Int) { lots(first: $first) { totalCount nodes { id organization holder events { type actor occurredAt } } } }";
        await CountQueriesAsync(maker.Api, 2); // the process learns the names

        var (_, without) = await CountQueriesAsync(maker.Api, 2);
        var (_, with) = await CountQueriesAsync(maker.Api, 2, counted);

        Assert.Equal(without + 1, with);
    }

    /// <summary>A maker's lots, the first <paramref name="transferred"/> of them passed to a recycler.</summary>
    private async Task<(Member Maker, Member Recycler)> LotsHeldByTwoAsync(string prefix, int lots, int transferred)
    {
        var (maker, recycler) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        var imported = await maker.Api.ImportAsync(Enumerable.Range(0, lots).Select(i =>
            Imports.Line("RegisterLot", $"{prefix}-{i}", Lots.Registration(new { lotNumber = $"{prefix.ToUpperInvariant()}-{i}" }))));
        foreach (var line in Enumerable.Range(1, transferred)) await maker.Api.TransferAsync(imported.LotId(line), recycler.Name);
        return (maker, recycler);
    }

    private static async Task<(JsonArray Lots, int Queries)> CountQueriesAsync(ApiClient api, int first, string query = Page)
    {
        var trace = ActivityTraceId.CreateRandom();
        var queries = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity => { if (activity.TraceId == trace) queries.Add(activity.DisplayName); },
        };
        ActivitySource.AddActivityListener(listener);
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables = new { first } }) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        var answer = (await (await api.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        return (answer["data"]!["lots"]!["nodes"]!.AsArray(), queries.Count);
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>Queries over the limits are refused before anything executes, with the limit named (QueryLimits).</summary>
[Collection(RegistryCollection.Name)]
public sealed class GraphQLLimitTests(RegistryApp app)
{
    private const string WideLotPage = "lots(first: 500) { nodes { id events { type occurredAt actor data } " +
                                       "provenance { component sources { source share } } } }";

    public static TheoryData<string, string> Bombs() => new()
    {
        // 1,600 spreads of one fragment on Query (the attack took 16 s of CPU; 5,000 never finished).
        { "{ " + string.Concat(Enumerable.Repeat("...F ", 1600)) + "} fragment F on Query { __typename }", "MaxFragmentSpreads" },
        // 40 spreads that double at each of 20 levels: a million fields once expanded.
        { "{ ...F0 } " + string.Concat(Enumerable.Range(0, 20).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} ")) +
          "fragment F20 on Query { __typename }", "MaxFields" },
        // 50 aliases of a 500-lot page with histories (9.3 s and 21 MB before).
        { "{ " + string.Concat(Enumerable.Range(0, 50).Select(i => $"a{i}: {WideLotPage} ")) + "}", "MaxAliases" },
        // One page is already over the cost: 500 lots × (a history query of ~20 events × 4 fields + ...).
        { "{ " + WideLotPage + " }", "MaxComplexity" },
        { "{ lots(first: 20) { nodes { id } } " + new string(' ', 17_000) + "}", "MaxDocumentLength" },
        // 30 forty-year KPI series with their targets: about 12 points a year each, 100,000 in all.
        { "{ " + string.Concat(Enumerable.Range(0, 30).Select(i => $"k{i}: kpiProgress(from: 1990, to: 2030) {{ kpi year value target {{ year value source }} }} ")) + "}",
          "MaxComplexity" },
        { Nested(20), "MaxDepth" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_query_over_a_limit_is_refused_before_execution_naming_the_limit(string query, string limit)
    {
        var ministry = await app.NewOrganizationAsync("Ministry");
        var response = await ministry.Api.PostAsync("/graphql", new { query });
        await Expect.StatusAsync(response, 400);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(answer["data"]);
        Assert.Equal("QUERY_TOO_COMPLEX", Expect.ErrorCode(answer));
        Assert.Contains(limit, answer["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ordinary_pages_traces_and_the_ides_introspection_query_run()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();
        foreach (var query in new[]
                 {
                     "{ lots(first: 50) { nodes { id lotNumber holder stage composition { component fraction } events { type occurredAt } } } }",
                     $"{{ trace(lotId: \"{lotId}\", direction: UPSTREAM, maxDepth: 10) {{ nodes {{ depth lot {{ id lotNumber }} }} edges {{ from to massKg }} truncated }} }}",
                     $"{{ a: lot(id: \"{lotId}\") {{ lotNumber }} b: lot(id: \"{lotId}\") {{ remainingKg provenance {{ component sources {{ source share }} }} }} }}",
                     IntrospectionQuery,
                 })
        {
            var answer = await maker.Api.GraphQLAsync(query);
            Assert.True(answer["errors"] is null, answer.ToJsonString());
        }
    }

    /// <summary>Selections nested <paramref name="depth"/> deep: measured before the names are even checked.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{ a ", depth)) + "{ b }" + new string('}', depth);

    /// <summary>What GraphiQL sends to learn the schema (graphql-js getIntrospectionQuery, descriptions on).</summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}

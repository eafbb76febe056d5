using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>
/// Root fields are nullable: an error in one (a bad argument, a refusal, text PostgreSQL cannot hold) nulls that
/// field alone, with an error naming its path and code, and its siblings still answer.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class GraphQLPartialAnswerTests(RegistryApp app)
{
    [Theory]
    // Not an element symbol: refused by the argument checks.
    [InlineData("bad: supplyRisk(element: \"\\u0000\", year: 2030) { hhi }", "INVALID_ARGUMENT")]
    [InlineData("bad: supplyRisk(element: \"Xx\", year: 2030) { hhi }", "INVALID_ARGUMENT")]
    [InlineData("bad: kpiProgress(from: 2010, to: 2001) { kpi }", "INVALID_ARGUMENT")]
    [InlineData("bad: lots(first: 0) { nodes { id } }", "INVALID_ARGUMENT")]
    [InlineData("bad: trace(lotId: \"00000000-0000-0000-0000-000000000000\", direction: UPSTREAM) { root }", "NOT_FOUND")]
    // NUL reaches PostgreSQL, which refuses it; the session still answers the sibling after it.
    [InlineData("bad: lots(filter: { material: \"\\u0000\" }) { nodes { id } }", "INVALID_ARGUMENT")]
    public async Task One_failing_root_field_nulls_itself_and_its_siblings_answer(string failing, string code)
    {
        var ministry = await app.NewOrganizationAsync("Ministry");

        var answer = await ministry.Api.GraphQLAsync(
            $"{{ before: materials(category: Plastic) {{ code }} {failing} after: organizations(role: Ministry) {{ name }} }}");

        var error = Assert.Single(answer["errors"]!.AsArray())!;
        Assert.Equal(code, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("bad", error["path"]![0]!.GetValue<string>());
        var data = answer["data"]!.AsObject();
        Assert.True(data.ContainsKey("bad"));
        Assert.Null(data["bad"]);
        Assert.Contains(data["before"]!.AsArray(), m => m!["code"]!.GetValue<string>() == "PET");
        Assert.Contains(data["after"]!.AsArray(), o => o!["name"]!.GetValue<string>() == ministry.Name);
    }

    [Fact]
    public async Task A_refused_national_figure_beside_a_companys_own_lots_nulls_only_the_figure()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync();

        var answer = await maker.Api.GraphQLAsync(
            "query($h: String) { plasticsKpis(year: 2030) { wasteKg } lots(filter: { holder: $h }) { nodes { id } } }",
            new { h = maker.Name });

        Assert.Equal("FORBIDDEN", Expect.ErrorCode(answer));
        Assert.Null(answer["data"]!["plasticsKpis"]);
        Assert.Equal([lotId], answer["data"]!["lots"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()));
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class GraphQLLotQueryTests(RegistryApp app)
{
    [Fact]
    public async Task A_lot_is_found_by_lot_number_and_organization()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync(new { lotNumber = "BY-NUMBER-1" });

        var result = await maker.Api.GraphQLAsync(
            "query($n: String, $o: String) { lot(lotNumber: $n, organization: $o) { id } }",
            new { n = "BY-NUMBER-1", o = maker.Name });

        Assert.Equal(lotId, result["data"]!["lot"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_lot_number_without_an_organization_is_the_callers_own()
    {
        // Both organizations register "SAME-NUMBER": each finds its own by number alone; the maker's lot, transferred
        // to the recycler, is still found by the recycler only with organization naming the maker.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var recycler = await app.NewOrganizationAsync("Recycler");
        var makers = await maker.Api.RegisterLotAsync(new { lotNumber = "SAME-NUMBER" });
        var recyclers = await recycler.Api.RegisterLotAsync(new { lotNumber = "SAME-NUMBER" });
        var onlyMakers = await maker.Api.RegisterLotAsync(new { lotNumber = "MAKERS-ONLY" });
        await maker.Api.TransferAsync(onlyMakers, recycler.Name);
        const string query = "query($n: String, $o: String) { lot(lotNumber: $n, organization: $o) { id } }";

        Assert.Equal(makers, (await maker.Api.GraphQLAsync(query, new { n = "SAME-NUMBER" }))["data"]!["lot"]!["id"]!.GetValue<Guid>());
        Assert.Equal(recyclers, (await recycler.Api.GraphQLAsync(query, new { n = "SAME-NUMBER" }))["data"]!["lot"]!["id"]!.GetValue<Guid>());
        var notOwn = await recycler.Api.GraphQLAsync(query, new { n = "MAKERS-ONLY" });
        Assert.Null(notOwn["errors"]);
        Assert.Null(notOwn["data"]!["lot"]);
        Assert.Equal(onlyMakers,
            (await recycler.Api.GraphQLAsync(query, new { n = "MAKERS-ONLY", o = maker.Name }))["data"]!["lot"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Pagination_walks_every_page_in_registration_order_without_gaps_or_repeats()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var registered = new List<Guid>();
        for (var i = 0; i < 7; i++) registered.Add(await maker.Api.RegisterLotAsync(new { lotNumber = $"PAGE-{i}" }));

        var seen = new List<Guid>();
        string? after = null;
        var pages = 0;
        do
        {
            var result = await maker.Api.GraphQLAsync(
                "query($h: String, $after: String) { lots(filter: { holder: $h }, first: 3, after: $after) " +
                "{ edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
                new { h = maker.Name, after });
            var connection = result["data"]!["lots"]!;
            seen.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<Guid>()));
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>()
                ? connection["pageInfo"]!["endCursor"]!.GetValue<string>()
                : null;
            pages++;
        } while (after is not null);

        Assert.Equal(3, pages); // 3 + 3 + 1
        Assert.Equal(registered, seen);
    }

    [Fact]
    public async Task Filters_select_by_category_material_and_stage()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await maker.Api.RegisterLotAsync(new { material = "PP" });
        var cathode = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "NMC_CATHODE" });
        var placed = await maker.Api.RegisterLotAsync(new { material = "PP" });
        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{placed}/placements", new { occurredAt = Lots.At(1), country = "JP" }), 200);

        Assert.Equal([cathode], await IdsAsync(maker, "{ holder: $h, category: BatteryMaterial }"));
        Assert.Equal(2, (await IdsAsync(maker, "{ holder: $h, material: \"PP\" }")).Count);
        Assert.Equal([placed], await IdsAsync(maker, "{ holder: $h, stage: OnMarket }"));
    }

    [Fact]
    public async Task A_company_sees_only_lots_it_has_held_while_a_ministry_sees_all()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var stranger = await app.NewOrganizationAsync("Recycler");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var lotId = await maker.Api.RegisterLotAsync();
        const string query = "query($id: ID) { lot(id: $id) { id } }";

        Assert.Null((await stranger.Api.GraphQLAsync(query, new { id = lotId }))["data"]!["lot"]);
        Assert.NotNull((await ministry.Api.GraphQLAsync(query, new { id = lotId }))["data"]!["lot"]);
        Assert.Empty(await IdsAsync(stranger, "{ holder: $h }", maker.Name));
    }

    [Fact]
    public async Task Total_count_is_the_lots_matching_the_filter_that_the_caller_may_see_on_every_page()
    {
        // The maker registers 4 PP and 3 PET lots (7) and transfers 2 PP to the recycler.
        // Maker, holder itself: 5 (2 PP + 3 PET); material PP, any holder it may see: 4 (it held the 2 it gave away).
        // Recycler, holder itself: 2; holder the maker: 0 (it never held the maker's other lots).
        // Ministry, holder the maker: 5; material PP held by the recycler: 2. After a cursor the count stays.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var recycler = await app.NewOrganizationAsync("Recycler");
        var ministry = await app.NewOrganizationAsync("Ministry");
        var pp = new List<Guid>();
        for (var i = 0; i < 4; i++) pp.Add(await maker.Api.RegisterLotAsync(new { material = "PP" }));
        for (var i = 0; i < 3; i++) await maker.Api.RegisterLotAsync(new { material = "PET" });
        await maker.Api.TransferAsync(pp[0], recycler.Name);
        await maker.Api.TransferAsync(pp[1], recycler.Name);

        Assert.Equal(5, await TotalCountAsync(maker, "{ holder: $h }", maker.Name));
        Assert.Equal(4, await TotalCountAsync(maker, "{ holder: $h, material: \"PP\" }", null));
        Assert.Equal(2, await TotalCountAsync(recycler, "{ holder: $h }", recycler.Name));
        Assert.Equal(0, await TotalCountAsync(recycler, "{ holder: $h }", maker.Name));
        Assert.Equal(5, await TotalCountAsync(ministry, "{ holder: $h }", maker.Name));
        Assert.Equal(2, await TotalCountAsync(ministry, "{ holder: $h, material: \"PP\" }", recycler.Name));

        var first = await maker.Api.GraphQLAsync(
            "query($h: String) { lots(filter: { holder: $h }, first: 2) { totalCount nodes { id } pageInfo { endCursor } } }", new { h = maker.Name });
        var next = await maker.Api.GraphQLAsync(
            "query($h: String, $after: String) { lots(filter: { holder: $h }, first: 2, after: $after) { totalCount nodes { id } } }",
            new { h = maker.Name, after = first["data"]!["lots"]!["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal(2, first["data"]!["lots"]!["nodes"]!.AsArray().Count);
        Assert.Equal(5, first["data"]!["lots"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(5, next["data"]!["lots"]!["totalCount"]!.GetValue<int>());
    }

    /// <summary>The connection's totalCount; a null holder ($h) filters by no holder.</summary>
    private static async Task<int> TotalCountAsync(Member member, string filter, string? holder)
    {
        var result = await member.Api.GraphQLAsync(
            $"query($h: String) {{ lots(filter: {filter}, first: 1) {{ totalCount }} }}", new { h = holder });
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["lots"]!["totalCount"]!.GetValue<int>();
    }

    [Fact]
    public async Task Recycled_content_of_a_component_the_lot_does_not_contain_is_null_without_an_error()
    {
        // 100 kg of PET, composition {Co: 0.1}, provenance "*" 40% recycled:post, 60% JP.
        // "*": pre 0, post 0.4, total 0.4. Co: no provenance of its own, so it inherits "*": post 0.4.
        // Dy: not in the composition, so null, and the lot and its siblings stay.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotId = await maker.Api.RegisterLotAsync(new
        {
            lotNumber = "RC-NULL-1", composition = Lots.Map(("Co", 0.1m)),
            provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("recycled:post", 0.4m), ("JP", 0.6m)) },
        });
        const string fields = "id whole: recycledContent { total postConsumer } co: recycledContent(component: \"Co\") { total } " +
                              "dy: recycledContent(component: \"Dy\") { total }";

        var one = await maker.Api.GraphQLAsync($"query($id: ID) {{ lot(id: $id) {{ {fields} }} }}", new { id = lotId });
        Assert.True(one["errors"] is null, one.ToJsonString());
        var lot = one["data"]!["lot"]!;
        Assert.Equal(lotId, lot["id"]!.GetValue<Guid>());
        Assert.Equal(0.4, lot["whole"]!["total"]!.GetValue<double>());
        Assert.Equal(0.4, lot["whole"]!["postConsumer"]!.GetValue<double>());
        Assert.Equal(0.4, lot["co"]!["total"]!.GetValue<double>());
        Assert.True(lot.AsObject().ContainsKey("dy"));
        Assert.Null(lot["dy"]);

        var page = await maker.Api.GraphQLAsync(
            $"query($h: String) {{ lots(filter: {{ holder: $h }}) {{ nodes {{ {fields} }} }} }}", new { h = maker.Name });
        Assert.True(page["errors"] is null, page.ToJsonString());
        var node = Assert.Single(page["data"]!["lots"]!["nodes"]!.AsArray())!;
        Assert.Equal(lotId, node["id"]!.GetValue<Guid>());
        Assert.Null(node["dy"]);
    }

    [Theory]
    [InlineData("{ lot { id } }")]
    [InlineData("{ lot(id: \"not-a-guid\") { id } }")]
    [InlineData("{ lots(first: 0) { nodes { id } } }")]
    [InlineData("{ lots(first: 501) { nodes { id } } }")]
    [InlineData("{ lots(after: \"%%%\") { nodes { id } } }")]
    public async Task Bad_arguments_are_errors_with_a_code(string query)
    {
        var ministry = await app.NewOrganizationAsync("Ministry");
        var result = await ministry.Api.GraphQLAsync(query);
        Assert.Equal("INVALID_ARGUMENT", Expect.ErrorCode(result));
    }

    [Fact]
    public async Task Unknown_fields_are_a_400_with_a_code()
    {
        var ministry = await app.NewOrganizationAsync("Ministry");
        var response = await ministry.Api.PostAsync("/graphql", new { query = "{ lot(id: \"x\") { weight } }" });
        await Expect.StatusAsync(response, 400);
        Assert.NotNull(Expect.ErrorCode((await response.Content.ReadFromJsonAsync<JsonObject>())!));
    }

    [Fact]
    public async Task GraphQL_answers_GET_and_requires_a_key()
    {
        var ministry = await app.NewOrganizationAsync("Ministry");
        var response = await ministry.Api.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ lots(first: 1) { pageInfo { hasNextPage } } }"));
        await Expect.StatusAsync(response, 200);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);

        await Expect.StatusAsync(await app.Client(null).PostAsync("/graphql", new { query = "{ lots { nodes { id } } }" }), 401);
    }

    private static async Task<List<Guid>> IdsAsync(Member member, string filter, string? holder = null)
    {
        var result = await member.Api.GraphQLAsync(
            $"query($h: String) {{ lots(filter: {filter}) {{ nodes {{ id }} }} }}", new { h = holder ?? member.Name });
        Assert.Null(result["errors"]);
        return result["data"]!["lots"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()).ToList();
    }
}

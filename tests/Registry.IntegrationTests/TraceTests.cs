using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class TraceTests(RegistryApp app)
{
    /// <summary>
    /// ore (A) and scrap (B) → alloy (C) → magnets (D); D and wire (E) → motor (F).
    /// Depths from F upstream: F 0; D, E 1; C 2; A, B 3.
    /// </summary>
    private async Task<(Member Maker, Dictionary<char, Guid> Lots)> ChainAsync()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lots = new Dictionary<char, Guid>
        {
            ['A'] = await maker.Api.RegisterLotAsync(new { lotNumber = "A", category = "RareMetal", material = "ND_OXIDE", massKg = 100m }),
            ['B'] = await maker.Api.RegisterLotAsync(new { lotNumber = "B", category = "RareMetal", material = "IRON", massKg = 300m }),
            ['E'] = await maker.Api.RegisterLotAsync(new { lotNumber = "E", category = "RareMetal", material = "OTHER", massKg = 50m }),
        };
        lots['C'] = (await maker.Api.TransformAsync("Manufacturing", [(lots['A'], 100m), (lots['B'], 300m)], [Lots.Output("RareMetal", "NDFEB_ALLOY", 400m)], day: 2))[0];
        lots['D'] = (await maker.Api.TransformAsync("Manufacturing", [(lots['C'], 400m)], [Lots.Output("RareMetal", "NDFEB_MAGNET", 380m)], day: 3))[0];
        lots['F'] = (await maker.Api.TransformAsync("Manufacturing", [(lots['D'], 380m), (lots['E'], 50m)], [Lots.Output("Product", "XEV_MOTOR", 430m)], day: 4))[0];
        return (maker, lots);
    }

    private static async Task<JsonNode> TraceAsync(Member member, Guid lotId, string direction, int maxDepth)
    {
        var result = await member.Api.GraphQLAsync(
            $"query($id: ID!) {{ trace(lotId: $id, direction: {direction}, maxDepth: {maxDepth}) " +
            "{ root truncated nodes { depth lot { id lotNumber } } edges { from to transformationId massKg } } }",
            new { id = lotId });
        Assert.Null(result["errors"]);
        return result["data"]!["trace"]!;
    }

    private static Dictionary<Guid, int> Depths(JsonNode trace) =>
        trace["nodes"]!.AsArray().ToDictionary(n => n!["lot"]!["id"]!.GetValue<Guid>(), n => n!["depth"]!.GetValue<int>());

    [Fact]
    public async Task Upstream_reaches_every_source_with_its_depth_and_every_edge()
    {
        var (maker, l) = await ChainAsync();
        var trace = await TraceAsync(maker, l['F'], "UPSTREAM", 10);

        Assert.Equal(new Dictionary<Guid, int> { [l['F']] = 0, [l['D']] = 1, [l['E']] = 1, [l['C']] = 2, [l['A']] = 3, [l['B']] = 3 }, Depths(trace));
        Assert.Equal(5, trace["edges"]!.AsArray().Count); // A→C, B→C, C→D, D→F, E→F
        Assert.False(trace["truncated"]!.GetValue<bool>());
        // One output per step, so each edge carries the input's whole consumed mass: A→C 100 kg.
        var aToC = trace["edges"]!.AsArray().Single(e => e!["from"]!.GetValue<Guid>() == l['A'])!;
        Assert.Equal(100m, aToC["massKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Upstream_stops_at_the_depth_limit_and_says_so()
    {
        var (maker, l) = await ChainAsync();
        var trace = await TraceAsync(maker, l['F'], "UPSTREAM", 2);

        Assert.Equal(new Dictionary<Guid, int> { [l['F']] = 0, [l['D']] = 1, [l['E']] = 1, [l['C']] = 2 }, Depths(trace));
        Assert.Equal(3, trace["edges"]!.AsArray().Count); // C→D, D→F, E→F
        Assert.True(trace["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Downstream_follows_a_source_into_every_product()
    {
        var (maker, l) = await ChainAsync();
        var trace = await TraceAsync(maker, l['A'], "DOWNSTREAM", 10);
        Assert.Equal(new Dictionary<Guid, int> { [l['A']] = 0, [l['C']] = 1, [l['D']] = 2, [l['F']] = 3 }, Depths(trace));
        Assert.Equal(3, trace["edges"]!.AsArray().Count);
        Assert.False(trace["truncated"]!.GetValue<bool>());

        var shallow = await TraceAsync(maker, l['A'], "DOWNSTREAM", 1);
        Assert.Equal(new Dictionary<Guid, int> { [l['A']] = 0, [l['C']] = 1 }, Depths(shallow));
        Assert.True(shallow["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Edges_split_an_input_between_outputs_by_output_mass()
    {
        // 90 kg in, outputs 60 kg and 20 kg: the input's 90 kg is credited 90 × 60/80 = 67.5 and 90 × 20/80 = 22.5.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var input = await maker.Api.RegisterLotAsync(new { massKg = 90m });
        var outputs = await maker.Api.TransformAsync("Manufacturing", [(input, 90m)], [Lots.Output("Plastic", "PET", 60m), Lots.Output("Plastic", "PET", 20m)]);
        var trace = await TraceAsync(maker, input, "DOWNSTREAM", 1);
        var masses = trace["edges"]!.AsArray().ToDictionary(e => e!["to"]!.GetValue<Guid>(), e => e!["massKg"]!.GetValue<decimal>());
        Assert.Equal(67.5m, masses[outputs[0]]);
        Assert.Equal(22.5m, masses[outputs[1]]);
    }

    [Fact]
    public async Task A_lot_reached_twice_within_the_limit_is_not_truncation()
    {
        // R is made from A and Y; A was made from Y. Upstream from R at depth 1: R, A, Y, and the edge Y→A
        // joins two lots already shown, so nothing lies further.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var y = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var a = (await maker.Api.TransformAsync("Manufacturing", [(y, 50m)], [Lots.Output("Plastic", "PET", 50m)], day: 2))[0];
        var r = (await maker.Api.TransformAsync("Manufacturing", [(a, 50m), (y, 50m)], [Lots.Output("Plastic", "PET", 100m)], day: 3))[0];

        var trace = await TraceAsync(maker, r, "UPSTREAM", 1);
        Assert.Equal(new Dictionary<Guid, int> { [r] = 0, [a] = 1, [y] = 1 }, Depths(trace));
        Assert.Equal(3, trace["edges"]!.AsArray().Count);
        Assert.False(trace["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_company_sees_only_its_own_part_of_the_lineage()
    {
        // The supplier makes C from A and B and sells C to the buyer, who makes D. Tracing D upstream, the buyer
        // sees D and C (it held C); A and B stay the supplier's, counted as hidden.
        var supplier = await app.NewOrganizationAsync("Manufacturer");
        var buyer = await app.NewOrganizationAsync("Manufacturer");
        var a = await supplier.Api.RegisterLotAsync();
        var b = await supplier.Api.RegisterLotAsync();
        var c = (await supplier.Api.TransformAsync("Manufacturing", [(a, 10m), (b, 10m)], [Lots.Output("Plastic", "PET", 20m)], day: 2))[0];
        await supplier.Api.TransferAsync(c, buyer.Name, day: 3);
        var d = (await buyer.Api.TransformAsync("Manufacturing", [(c, 20m)], [Lots.Output("Plastic", "PET", 20m)], day: 4))[0];

        var result = await buyer.Api.GraphQLAsync(
            "query($id: ID!) { trace(lotId: $id, direction: UPSTREAM) { hiddenLots nodes { lot { id } } edges { from } } }", new { id = d });
        var trace = result["data"]!["trace"]!;
        Assert.Equal(2, trace["hiddenLots"]!.GetValue<int>());
        Assert.Equal(new[] { d, c }.Order(), trace["nodes"]!.AsArray().Select(n => n!["lot"]!["id"]!.GetValue<Guid>()).Order());
        Assert.Single(trace["edges"]!.AsArray());
    }

    [Fact]
    public async Task A_trace_from_a_lot_the_caller_cannot_see_is_not_found()
    {
        var (_, l) = await ChainAsync();
        var stranger = await app.NewOrganizationAsync("Recycler");
        var result = await stranger.Api.GraphQLAsync("query($id: ID!) { trace(lotId: $id, direction: UPSTREAM) { root } }", new { id = l['F'] });
        Assert.Equal("NOT_FOUND", Expect.ErrorCode(result));
        var tooDeep = await stranger.Api.GraphQLAsync("query($id: ID!) { trace(lotId: $id, direction: UPSTREAM, maxDepth: 99) { root } }", new { id = l['F'] });
        Assert.Equal("INVALID_ARGUMENT", Expect.ErrorCode(tooDeep));
    }
}

namespace Registry.IntegrationTests;

/// <summary>A transformation writes an edge per input and output pair, so their product is limited (Transformation.MaxFlows).</summary>
[Collection(RegistryCollection.Name)]
public sealed class WideTransformationTests(RegistryApp app)
{
    [Fact]
    public async Task A_thousand_by_a_thousand_step_is_refused_before_any_lot_is_read_and_writes_nothing()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var before = await Written.CountAsync();
        var response = await maker.Api.TransformAsResponseAsync("Manufacturing",
            Enumerable.Range(0, 1000).Select(_ => (Guid.NewGuid(), 1m)),
            Enumerable.Range(0, 1000).Select(_ => Lots.Output("Plastic", "PET", 0.5m)));
        var problem = await Expect.InvalidFieldAsync(response, "outputs");
        Assert.Contains("10000 lineage edges", problem.ToJsonString());
        Assert.Equal(before, await Written.CountAsync());
    }

    [Fact]
    public async Task A_step_at_the_limit_is_recorded_and_traced_through_all_its_edges()
    {
        // 200 inputs of 10 kg × 50 outputs of 39 kg: 10,000 edges; each edge carries 10 × 39 / 1950 = 0.2 kg.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var imported = await maker.Api.ImportAsync(Enumerable.Range(0, 200).Select(i =>
            Imports.Line("RegisterLot", $"wide-{i}", Lots.Registration(new { lotNumber = $"WIDE-{i}", massKg = 10m }))));
        var inputs = Enumerable.Range(1, 200).Select(line => (imported.LotId(line), 10m)).ToList();
        var outputs = await maker.Api.TransformAsync("Manufacturing", inputs,
            Enumerable.Range(0, 50).Select(_ => Lots.Output("Plastic", "PET", 39m)));

        var trace = await maker.Api.GraphQLAsync(
            $"{{ trace(lotId: \"{outputs[0]}\", direction: UPSTREAM, maxDepth: 1) {{ nodes {{ depth }} edges {{ massKg }} }} }}");
        Assert.Null(trace["errors"]);
        Assert.Equal(201, trace["data"]!["trace"]!["nodes"]!.AsArray().Count);
        Assert.Equal(200, trace["data"]!["trace"]!["edges"]!.AsArray().Count);
        Assert.All(trace["data"]!["trace"]!["edges"]!.AsArray(), e => Assert.Equal(0.2m, e!["massKg"]!.GetValue<decimal>()));
    }
}

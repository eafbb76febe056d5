using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class TransformationRouteTests(RegistryApp app)
{
    [Fact]
    public async Task A_transformation_answers_its_id_and_outputs_and_is_readable()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var input = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var response = await maker.Api.TransformAsResponseAsync("Manufacturing", [(input, 80m)],
            [Lots.Output("Plastic", "PET", 50m), Lots.Output("Plastic", "PET", 25m)]);

        await Expect.StatusAsync(response, 201);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var transformationId = body["transformationId"]!.GetValue<Guid>();
        Assert.Equal(2, body["outputLotIds"]!.AsArray().Count);

        var result = await maker.Api.GraphQLAsync(
            "query($id: ID!) { transformation(id: $id) { process organization inputKg outputKg lossKg inputs { lotId massKg lot { remainingKg } } outputs { massKg lot { producedBy holder stage } } } }",
            new { id = transformationId });
        var t = result["data"]!["transformation"]!;
        Assert.Equal("Manufacturing", t["process"]!.GetValue<string>());
        Assert.Equal(maker.Name, t["organization"]!.GetValue<string>());
        // 80 kg in, 75 kg out: 5 kg lost; the input keeps 100 − 80 = 20 kg.
        Assert.Equal((80m, 75m, 5m), (t["inputKg"]!.GetValue<decimal>(), t["outputKg"]!.GetValue<decimal>(), t["lossKg"]!.GetValue<decimal>()));
        Assert.Equal(20m, t["inputs"]![0]!["lot"]!["remainingKg"]!.GetValue<decimal>());
        Assert.Equal(transformationId, t["outputs"]![0]!["lot"]!["producedBy"]!.GetValue<Guid>());
        Assert.Equal(maker.Name, t["outputs"]![1]!["lot"]!["holder"]!.GetValue<string>());
    }

    public static TheoryData<string, object> BadRequests => new()
    {
        { "process", new { process = "Alchemy" } },
        { "inputs", new { inputs = Array.Empty<object>() } },
        { "outputs", new { outputs = Array.Empty<object>() } },
        { "inputs[0].massKg", new { inputs = new[] { new { lotId = Guid.NewGuid(), massKg = -1m } } } },
        { "inputs[0]", new { inputs = new object?[] { null } } },
        { "outputs[0]", new { outputs = new object?[] { null } } },
        { "process", new { process = "Refining,ChemicalRecycling" } },
        { "outputs[0].material", new { outputs = new[] { new { lotNumber = "X", category = "Plastic", material = "GOLD", massKg = 1m } } } },
        { "outputs[0].composition[Co]", new { outputs = new[] { new { lotNumber = "X", category = "Plastic", material = "PET", massKg = 1m, composition = Lots.Map(("Co", 2m)) } } } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_shapes_name_the_failing_field(string field, object overrides)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var input = await maker.Api.RegisterLotAsync();
        var body = Lots.With(Lots.With(new JsonObject(), new
        {
            process = "Manufacturing",
            occurredAt = Lots.At(2),
            inputs = new[] { new { lotId = input, massKg = 10m } },
            outputs = new[] { Lots.Output("Plastic", "PET", 10m) },
        }), overrides);

        await Expect.InvalidFieldAsync(await maker.Api.PostAsync("/api/transformations", body), field);
        await ExpectUntouchedAsync(maker, input, 100m);
    }

    [Fact]
    public async Task Consuming_more_than_remains_is_named_and_writes_nothing()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var a = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var b = await maker.Api.RegisterLotAsync(new { massKg = 10m });
        var problem = await Expect.InvalidFieldAsync(
            await maker.Api.TransformAsResponseAsync("Manufacturing", [(a, 50m), (b, 11m)], [Lots.Output("Plastic", "PET", 60m)]), "inputs[1].massKg");
        Assert.Equal("exceeds-remaining-mass", problem["code"]!.GetValue<string>());
        await ExpectUntouchedAsync(maker, a, 100m);
        await ExpectUntouchedAsync(maker, b, 10m);
    }

    [Fact]
    public async Task Outputs_heavier_than_inputs_are_rejected()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var a = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var problem = await Expect.InvalidFieldAsync(
            await maker.Api.TransformAsResponseAsync("Manufacturing", [(a, 50m)], [Lots.Output("Plastic", "PET", 50.5m)]), "outputs");
        Assert.Equal("outputs-exceed-inputs", problem["code"]!.GetValue<string>());
        await ExpectUntouchedAsync(maker, a, 100m);
    }

    [Fact]
    public async Task An_element_beyond_what_the_inputs_hold_is_rejected()
    {
        // 100 kg × 0.05 = 5 kg Co in; 20 kg × 0.3 = 6 kg Co declared out.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var a = await maker.Api.RegisterLotAsync(new { category = "BatteryMaterial", material = "BLACK_MASS", massKg = 100m, composition = Lots.Map(("Co", 0.05m)) });
        var problem = await Expect.InvalidFieldAsync(await maker.Api.TransformAsResponseAsync("Refining", [(a, 100m)],
            [Lots.Output("BatteryMaterial", "COBALT_SULFATE", 20m, Lots.Map(("Co", 0.3m)))]), "outputs[0].composition[Co]");
        Assert.Equal("element-exceeds-inputs", problem["code"]!.GetValue<string>());
        await ExpectUntouchedAsync(maker, a, 100m);
    }

    [Fact]
    public async Task Recycling_a_lot_that_is_not_waste_is_a_conflict()
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        var a = await recycler.Api.RegisterLotAsync();
        await Expect.ProblemAsync(
            await recycler.Api.TransformAsResponseAsync("MaterialRecycling", [(a, 10m)], [Lots.Output("Plastic", "PET", 5m)]), 409, "not-waste");
        await ExpectUntouchedAsync(recycler, a, 100m);
    }

    [Fact]
    public async Task The_same_lot_twice_is_rejected()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var a = await maker.Api.RegisterLotAsync();
        await Expect.InvalidFieldAsync(
            await maker.Api.TransformAsResponseAsync("Manufacturing", [(a, 10m), (a, 10m)], [Lots.Output("Plastic", "PET", 5m)]), "inputs[1].lotId");
        await ExpectUntouchedAsync(maker, a, 100m);
    }

    [Fact]
    public async Task Unknown_and_foreign_inputs_are_rejected()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var other = await app.NewOrganizationAsync("Manufacturer");
        var mine = await maker.Api.RegisterLotAsync();
        var theirs = await other.Api.RegisterLotAsync();

        await Expect.ProblemAsync(
            await maker.Api.TransformAsResponseAsync("Manufacturing", [(mine, 10m), (Guid.NewGuid(), 1m)], [Lots.Output("Plastic", "PET", 5m)]), 404, "lot-not-found");
        // A lot the caller never held is answered as one that does not exist.
        await Expect.ProblemAsync(
            await maker.Api.TransformAsResponseAsync("Manufacturing", [(mine, 10m), (theirs, 1m)], [Lots.Output("Plastic", "PET", 5m)]), 404, "lot-not-found");
        await ExpectUntouchedAsync(maker, mine, 100m);
        await ExpectUntouchedAsync(other, theirs, 100m);
    }

    [Fact]
    public async Task A_failing_output_rolls_back_every_input()
    {
        // The second output reuses a lot number the caller already has: the unique index fails the commit,
        // after both inputs' consumption and the first output were appended in the same transaction.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var a = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var b = await maker.Api.RegisterLotAsync(new { massKg = 100m, lotNumber = "TAKEN-1" });
        var response = await maker.Api.TransformAsResponseAsync("Manufacturing", [(a, 50m), (b, 50m)],
        [
            Lots.Output("Plastic", "PET", 40m),
            new { lotNumber = "TAKEN-1", category = "Plastic", material = "PET", massKg = 40m },
        ]);

        await Expect.ProblemAsync(response, 409, "lot-number-taken");
        await ExpectUntouchedAsync(maker, a, 100m);
        await ExpectUntouchedAsync(maker, b, 100m);
        var held = await maker.Api.GraphQLAsync("query($h: String) { lots(filter: { holder: $h }) { nodes { id } } }", new { h = maker.Name });
        Assert.Equal(2, held["data"]!["lots"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Racing_transformations_never_consume_more_than_an_input_holds()
    {
        // Six steps each want 60 kg of a 100 kg lot: at most one can win; the others get 409 (or 400 once
        // the winner's consumption is visible).
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var input = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            maker.Api.TransformAsResponseAsync("Manufacturing", [(input, 60m)], [Lots.Output("Plastic", "PET", 60m)])));

        var won = responses.Count(r => (int)r.StatusCode == 201);
        Assert.Equal(1, won);
        foreach (var lost in responses.Where(r => (int)r.StatusCode != 201))
            Assert.Contains((int)lost.StatusCode, new[] { 400, 409 });
        var lot = await maker.Api.LotAsync(input);
        Assert.Equal(40m, lot["remainingKg"]!.GetValue<decimal>());
        Assert.Equal(2, lot["version"]!.GetValue<int>());
    }

    private static async Task ExpectUntouchedAsync(Member member, Guid lotId, decimal remainingKg)
    {
        var lot = await member.Api.LotAsync(lotId);
        Assert.Equal(1, lot["version"]!.GetValue<int>());
        Assert.Equal(remainingKg, lot["remainingKg"]!.GetValue<decimal>());
    }
}

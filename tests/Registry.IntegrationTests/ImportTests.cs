using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Datasets;

namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class ImportTests(RegistryApp app)
{
    private static object Registration(string lotNumber, decimal massKg = 100m) =>
        new { lotNumber, category = "Plastic", material = "PET", massKg, occurredAt = Lots.Day };

    [Fact]
    public async Task Every_line_gets_its_outcome_and_a_refused_line_writes_nothing()
    {
        var (maker, recycler) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        var answer = await maker.Api.ImportAsync(
        [
            Imports.Line("RegisterLot", "k1", Registration("A")),
            "{ this is not json",
            Imports.Line("RegisterLot", "k3", Registration("BAD", massKg: -5m)),
            Imports.Line("TransferLot", "k4", new { occurredAt = Lots.At(2), toOrganization = recycler.Name }, new { lotNumber = "A" }),
            // The line before moved A to the recycler: the maker no longer holds it.
            Imports.Line("PlaceLotOnMarket", "k5", new { occurredAt = Lots.At(3), country = "JP" }, new { lotNumber = "A" }),
            Imports.Line("RegisterLot", "k6", Registration("A")),
            Imports.Line("TreatWaste", "k7", new { occurredAt = Lots.At(3), route = "Landfill", massKg = 1m }, new { lotNumber = "NOWHERE" }),
            Imports.Line("RegisterLot", "k8", Registration("B", massKg: 40m)),
            Imports.Line("Fly", "k9", new { }),
            Imports.Line("RegisterLot", "", Registration("C")),
            Imports.Line("TransferLot", "k11", new { occurredAt = Lots.At(2), toOrganization = "Nobody Ltd" }, new { lotNumber = "B" }),
        ]);

        Assert.Equal([201, 400, 400, 200, 403, 409, 404, 201, 400, 400, 400], answer.Outcomes.Select(o => o["status"]!.GetValue<int>()));
        Assert.Equal(Enumerable.Range(1, 11), answer.Outcomes.Select(o => o["line"]!.GetValue<int>()));
        Assert.Equal("malformed-json", answer.Line(2)["problem"]!["code"]!.GetValue<string>());
        Assert.NotNull(answer.Line(3)["problem"]!["errors"]!["massKg"]);
        Assert.Equal(2, answer.Line(4)["result"]!["version"]!.GetValue<int>());
        Assert.Equal("not-holder", answer.Line(5)["problem"]!["code"]!.GetValue<string>());
        Assert.Equal("lot-number-taken", answer.Line(6)["problem"]!["code"]!.GetValue<string>());
        Assert.Equal("lot-not-found", answer.Line(7)["problem"]!["code"]!.GetValue<string>());
        Assert.NotNull(answer.Line(9)["problem"]!["errors"]!["op"]);
        Assert.NotNull(answer.Line(10)["problem"]!["errors"]!["idempotencyKey"]);
        Assert.Equal("unknown-organization", answer.Line(11)["problem"]!["code"]!.GetValue<string>());
        Assert.Equal((11, 3, 8, 0), (answer.Count("lines"), answer.Count("succeeded"), answer.Count("failed"), answer.Count("replayed")));
        Assert.Equal(3, answer.Count("events"));

        // A is at the recycler with its two events; B untouched; no lot numbered BAD or C exists.
        var a = await recycler.Api.LotAsync(answer.LotId(1));
        Assert.Equal((recycler.Name, 2, 100m), (a["holder"]!.GetValue<string>(), a["version"]!.GetValue<int>(), a["remainingKg"]!.GetValue<decimal>()));
        var b = await maker.Api.LotAsync(answer.LotId(8));
        Assert.Equal((maker.Name, 1), (b["holder"]!.GetValue<string>(), b["version"]!.GetValue<int>()));
        foreach (var number in new[] { "BAD", "C" })
        {
            var missing = await maker.Api.GraphQLAsync("query($n: String, $o: String) { lot(lotNumber: $n, organization: $o) { id } }",
                new { n = number, o = maker.Name });
            Assert.Null(missing["errors"]);
            Assert.Null(missing["data"]!["lot"]);
        }
    }

    [Fact]
    public async Task Importing_the_same_file_again_replays_every_line_and_writes_nothing_new()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        string[] file =
        [
            Imports.Line("RegisterLot", "r1", Registration("IN", 100m)),
            Imports.Line("RecordTransformation", "r2", new
            {
                process = "Manufacturing", occurredAt = Lots.At(2),
                inputs = new[] { new { lot = new { lotNumber = "IN" }, massKg = 60m } },
                outputs = new[] { new { lotNumber = "OUT", category = "Plastic", material = "PET", massKg = 55m } },
            }),
            Imports.Line("PlaceLotOnMarket", "r3", new { occurredAt = Lots.At(3), country = "JP" }, new { lotNumber = "OUT" }),
        ];

        var first = await maker.Api.ImportAsync(file);
        var second = await maker.Api.ImportAsync(file);

        Assert.Equal((3, 0), (first.Count("succeeded"), first.Count("failed")));
        Assert.Equal((0, 3, 0, 0), (second.Count("succeeded"), second.Count("replayed"), second.Count("failed"), second.Count("events")));
        for (var line = 1; line <= 3; line++)
        {
            Assert.Equal(first.Line(line)["result"]!.ToJsonString(), second.Line(line)["result"]!.ToJsonString());
            Assert.Equal(first.Status(line), second.Status(line));
            Assert.True(second.Line(line)["replayed"]!.GetValue<bool>());
        }
        // IN: registered and consumed once (40 kg left, version 2); OUT: produced and placed (version 2).
        var input = await maker.Api.LotAsync(first.LotId(1));
        Assert.Equal((2, 40m), (input["version"]!.GetValue<int>(), input["remainingKg"]!.GetValue<decimal>()));
        var output = await maker.Api.LotAsync(first.Line(2)["result"]!["outputLotIds"]![0]!.GetValue<Guid>());
        Assert.Equal((2, "OnMarket"), (output["version"]!.GetValue<int>(), output["stage"]!.GetValue<string>()));

        // A key reused for another line is refused, as the single routes refuse it.
        var reused = await maker.Api.ImportAsync([Imports.Line("RegisterLot", "r1", Registration("OTHER"))]);
        Assert.Equal("idempotency-key-reused", reused.Line(1)["problem"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lines_depending_on_a_refused_line_fail_and_the_others_apply()
    {
        var (maker, recycler) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        var answer = await maker.Api.ImportAsync(
        [
            Imports.Line("RegisterLot", "d1", Registration("X", massKg: 0m)),
            Imports.Line("TransferLot", "d2", new { occurredAt = Lots.At(2), toOrganization = recycler.Name }, new { lotNumber = "X" }),
            Imports.Line("RegisterLot", "d3", Registration("Y", massKg: 80m)),
            Imports.Line("RecordTransformation", "d4", new
            {
                process = "Manufacturing", occurredAt = Lots.At(2),
                inputs = new object[] { new { lot = new { lotNumber = "Y" }, massKg = 80m }, new { lot = new { lotNumber = "X" }, massKg = 1m } },
                outputs = new[] { new { lotNumber = "Z1", category = "Plastic", material = "PET", massKg = 70m } },
            }),
            Imports.Line("RecordTransformation", "d5", new
            {
                process = "Manufacturing", occurredAt = Lots.At(2),
                inputs = new[] { new { lot = new { lotNumber = "Y" }, massKg = 80m } },
                outputs = new[] { new { lotNumber = "Z2", category = "Plastic", material = "PET", massKg = 70m } },
            }),
            Imports.Line("PlaceLotOnMarket", "d6", new { occurredAt = Lots.At(3), country = "JP" }, new { lotNumber = "Z2" }),
            Imports.Line("CorrectLotMass", "d7", new { occurredAt = Lots.At(4), massKg = 69m, reason = "weighed" }, new { lotNumber = "Z2" }),
            // Y was consumed whole by line 5: it is closed.
            Imports.Line("TreatWaste", "d8", new { occurredAt = Lots.At(4), route = "Landfill", massKg = 1m }, new { lotNumber = "Y" }),
        ]);

        Assert.Equal([400, 404, 201, 404, 201, 200, 200, 409], answer.Outcomes.Select(o => o["status"]!.GetValue<int>()));
        Assert.Equal("lot-not-found", answer.Line(4)["problem"]!["code"]!.GetValue<string>());
        Assert.StartsWith("inputs[1]", answer.Line(4)["problem"]!["detail"]!.GetValue<string>());
        var z2 = await maker.Api.LotAsync(answer.Line(5)["result"]!["outputLotIds"]![0]!.GetValue<Guid>());
        // Produced 70, placed, corrected to 69: three events.
        Assert.Equal((3, 69m, "OnMarket"), (z2["version"]!.GetValue<int>(), z2["remainingKg"]!.GetValue<decimal>(), z2["stage"]!.GetValue<string>()));
        Assert.Equal(3, answer.Line(7)["result"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Batches_read_ahead_still_apply_in_order_each_against_the_one_before()
    {
        // 1,300 lines, three batches of 500: lots registered in the first are corrected in the second and placed on
        // the market in the third (named by number), one consumed by reference; the endpoint reads each batch while
        // the one before commits.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lines = new List<string>();
        for (var i = 0; i < 500; i++) lines.Add(Imports.Line("RegisterLot", $"r{i}", Registration($"P{i}", massKg: 10m)));
        for (var i = 0; i < 499; i++)
            lines.Add(Imports.Line("CorrectLotMass", $"c{i}", new { occurredAt = Lots.At(2), massKg = 9m, reason = "weighed" }, new { lotNumber = $"P{i}" }));
        // Line 1,000, refused by its validator as it is read, and the last of the second batch.
        lines.Add(Imports.Line("RegisterLot", "bad", Registration("NEGATIVE", massKg: -1m)));
        lines.Add(Imports.Line("RecordTransformation", "t", new
        {
            process = "Manufacturing", occurredAt = Lots.At(2),
            inputs = new[] { new { lot = new { lotNumber = "P499" }, massKg = 10m } },
            outputs = new[] { new { lotNumber = "Q", category = "Plastic", material = "PET", massKg = 9m } },
        }));
        for (var i = 0; i < 299; i++)
            lines.Add(Imports.Line("PlaceLotOnMarket", $"m{i}", new { occurredAt = Lots.At(3), country = "JP" }, new { lotNumber = $"P{i}" }));

        var answer = await maker.Api.ImportAsync(lines);

        Assert.Equal(Enumerable.Range(1, 1300), answer.Outcomes.Select(o => o["line"]!.GetValue<int>()));
        Assert.All(answer.Outcomes.Take(999), o => Assert.True(o["status"]!.GetValue<int>() is 200 or 201));
        Assert.NotNull(answer.Line(1000)["problem"]!["errors"]!["massKg"]);
        Assert.Equal(201, answer.Line(1001)["status"]!.GetValue<int>());
        Assert.All(answer.Outcomes.Skip(1001), o => Assert.Equal(3, o["result"]!["version"]!.GetValue<int>()));
        Assert.Equal((1300, 1299, 1), (answer.Count("lines"), answer.Count("succeeded"), answer.Count("failed")));
        var p0 = await maker.Api.LotAsync(answer.LotId(1));
        Assert.Equal(("OnMarket", 9m, 3), (p0["stage"]!.GetValue<string>(), p0["remainingKg"]!.GetValue<decimal>(), p0["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Single_writes_racing_an_import_on_one_lot_lose_no_update()
    {
        var recycler = await app.NewOrganizationAsync("Recycler");
        // 630 one-kilogram treatments of a 500 kg lot: the mass limit binds while they race.
        var lotId = await recycler.Api.RegisterLotAsync(new { massKg = 500m, wasteKind = "PostConsumer" });
        var treat = new { occurredAt = Lots.At(2), route = "Landfill", massKg = 1m };

        var import = recycler.Api.ImportAsync(Enumerable.Range(0, 600)
            .Select(i => Imports.Line("TreatWaste", $"race-{i}", treat, new { id = lotId })));
        var singles = Enumerable.Range(0, 30).Select(_ => recycler.Api.PostAsync($"/api/lots/{lotId}/treatments", treat)).ToList();
        var answer = await import;
        var singleAnswers = await Task.WhenAll(singles);
        var singleOk = singleAnswers.Count(r => r.IsSuccessStatusCode);

        // Every accepted treatment took its kilogram, each exactly once: remaining = 500 − accepted, version = 1 + accepted,
        // and never below zero. A refusal lost a race, or came when too little or nothing was left.
        var accepted = answer.Count("succeeded") + singleOk;
        var lot = await recycler.Api.LotAsync(lotId);
        Assert.Equal((500m - accepted, 1 + accepted), (lot["remainingKg"]!.GetValue<decimal>(), lot["version"]!.GetValue<int>()));
        var codes = answer.Outcomes.Where(o => o["status"]!.GetValue<int>() != 200).Select(o => o["problem"]!["code"]!.GetValue<string>())
            .Concat(await Task.WhenAll(singleAnswers.Where(r => !r.IsSuccessStatusCode)
                .Select(async r => (await r.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>()))).ToList();
        Assert.All(codes, code => Assert.Contains(code, new[] { "concurrent-write", "exceeds-remaining-mass", "lot-closed" }));
        Assert.Contains(codes, code => code != "concurrent-write"); // the limit was reached
        Assert.Equal(500, accepted);
    }

    [Fact]
    public async Task A_generated_dataset_imports_whole_and_its_regrind_loop_traces_twelve_deep()
    {
        var (maker, recycler) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        // Its events fall in 2012-2013, years no KPI test reads.
        var generator = new DatasetGenerator(new DatasetOptions(Lots: 200, Seed: 7, Run: "T", Maker: maker.Name, Recycler: recycler.Name, Year: 2012));

        var made = await Imports.ReadAsync(await Imports.SendAsync(maker.Api, new Imports.StreamedLines(generator.MakerLines().ToAsyncEnumerable())));
        var recycled = await Imports.ReadAsync(await Imports.SendAsync(recycler.Api, new Imports.StreamedLines(generator.RecyclerLines().ToAsyncEnumerable())));

        var refused = made.Outcomes.Concat(recycled.Outcomes).Where(o => o["status"]!.GetValue<int>() >= 300);
        Assert.True(!refused.Any(), string.Join('\n', refused.Select(o => o.ToJsonString())));
        Assert.Equal(generator.MakerLines().Count(), made.Count("succeeded"));
        Assert.Equal(generator.MakerLines(), new DatasetGenerator(generator.Options).MakerLines()); // deterministic

        var (first, last) = generator.RegrindLoops().First();
        var root = await recycler.Api.GraphQLAsync("query($n: String, $o: String) { lot(lotNumber: $n, organization: $o) { id } }",
            new { n = first, o = recycler.Name });
        var trace = await recycler.Api.GraphQLAsync(
            "query($id: ID!) { trace(lotId: $id, direction: DOWNSTREAM, maxDepth: 10) { truncated nodes { depth lot { lotNumber } } } }",
            new { id = root["data"]!["lot"]!["id"]!.GetValue<Guid>() });
        var nodes = trace["data"]!["trace"]!["nodes"]!.AsArray();
        Assert.Equal(10, nodes.Max(n => n!["depth"]!.GetValue<int>()));
        Assert.True(trace["data"]!["trace"]!["truncated"]!.GetValue<bool>());
        Assert.EndsWith("-G12", last);
        Assert.Contains(first.Replace("-G0", "-G10"), nodes.Select(n => n!["lot"]!["lotNumber"]!.GetValue<string>()));
    }
}

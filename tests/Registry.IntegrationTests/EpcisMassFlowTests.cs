using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// EPCIS events that carry mass drive the registry's lots exactly as its own commands do: the same story told as two
/// EPCIS documents and through REST gives the same lots, provenance, KPIs and supply risk; invariants bite as on the
/// routes (rollback stores nothing, proceed stores the rest); a capture job finishes after a restart. Each test has
/// registries of its own.
/// </summary>
public sealed class EpcisMassFlowTests
{
    private static readonly string Oxide = $"https://id.gs1.org/01/{Epcis.Gtin("0401234500001")}/10/OX1";
    private static readonly string Iron = $"https://id.gs1.org/01/{Epcis.Gtin("0401234500002")}/10/FE1";
    private static readonly string Alloy = $"https://id.gs1.org/01/{Epcis.Gtin("0401234500003")}/10/AL1";
    private const string MakerGln = "4590000000019", BuyerGln = "4590000000026";

    private const string LotFields =
        "lotNumber category material massKg remainingKg stage wasteKind marketCountry originCountry " +
        "composition { component fraction massKg } provenance { component massKg sources { source share massKg } } events { type }";

    [Fact]
    public async Task The_story_told_in_epcis_gives_the_lots_provenance_kpis_and_supply_risk_of_the_story_told_through_rest()
    {
        // 100 kg Nd oxide (Nd 0.8, from CN) and 200 kg iron (from AU) become 250 kg NdFeB alloy, 50 kg lost: the mix
        // is Nd 80 kg of 300 kg = 0.266666666666 (the loss takes its share); 100 kg of the alloy is shipped to the buyer (a part; the maker keeps 150 kg), who places it
        // on the market, collects it as post-consumer waste and landfills its 100 kg (the part is then Closed).
        await using var rest = await IsolatedRegistry.StartAsync();
        await using var epcis = await IsolatedRegistry.StartAsync();
        var (restMaker, restBuyer) = (await rest.NewOrganizationAsync("Manufacturer", gln: MakerGln), await rest.NewOrganizationAsync("Manufacturer", gln: BuyerGln));
        var (maker, buyer) = (await epcis.NewOrganizationAsync("Manufacturer", gln: MakerGln), await epcis.NewOrganizationAsync("Manufacturer", gln: BuyerGln));

        var oxide = await restMaker.Api.RegisterLotAsync(new
        {
            lotNumber = "(01)04012345000016(10)OX1", category = "RareMetal", material = "ND_OXIDE", massKg = 100m, epcClass = Oxide,
            composition = Lots.Map(("Nd", 0.8m)), originCountry = "CN", occurredAt = "2024-03-01T09:00:00+09:00",
        });
        var iron = await restMaker.Api.RegisterLotAsync(new
        {
            lotNumber = "(01)04012345000023(10)FE1", category = "RareMetal", material = "IRON", massKg = 200m, epcClass = Iron,
            originCountry = "AU", occurredAt = "2024-03-01T09:00:00+09:00",
        });
        var step = await restMaker.Api.PostAsync("/api/transformations", new
        {
            process = "Manufacturing", occurredAt = "2024-03-05T09:00:00+09:00",
            inputs = new[] { new { lotId = oxide, massKg = 100m }, new { lotId = iron, massKg = 200m } },
            outputs = new[] { new { lotNumber = "(01)04012345000030(10)AL1", category = "RareMetal", material = "NDFEB_ALLOY", massKg = 250m, epcClass = Alloy } },
        });
        await Expect.StatusAsync(step, 201);
        var alloy = (await step.Content.ReadFromJsonAsync<JsonObject>())!["outputLotIds"]![0]!.GetValue<Guid>();
        var sale = await restMaker.Api.PostAsync($"/api/lots/{alloy}/transfers",
            new { toOrganization = restBuyer.Name, occurredAt = "2024-03-10T09:00:00+09:00", massKg = 100m });
        await Expect.StatusAsync(sale, 201);
        var part = (await sale.Content.ReadFromJsonAsync<JsonObject>())!["transferredLotId"]!.GetValue<Guid>();
        await Expect.StatusAsync(await restBuyer.Api.PostAsync($"/api/lots/{part}/placements", new { occurredAt = "2024-03-15T09:00:00+09:00", country = "JP" }), 200);
        await Expect.StatusAsync(await restBuyer.Api.PostAsync($"/api/lots/{part}/waste-collections", new { occurredAt = "2024-06-01T09:00:00+09:00", wasteKind = "PostConsumer" }), 200);
        await Expect.StatusAsync(await restBuyer.Api.PostAsync($"/api/lots/{part}/treatments", new { occurredAt = "2024-06-10T09:00:00+09:00", route = "Landfill", massKg = 100m }), 200);

        var made = await maker.Api.CapturedAsync(Epcis.Document(
            EpcisCaptureTests.Commissioning(Oxide, 100m), Commissioned(Iron, 200m, "IRON", "AU"), Transformation(),
            Step("shipping", "2024-03-10T09:00:00+09:00", Alloy, 100m, new JsonObject(), destination: BuyerGln)));
        Assert.Equal([], made["errors"]!.AsArray().Select(e => e!.ToJsonString()));
        var used = await buyer.Api.CapturedAsync(Epcis.Document(
            Step("retail_selling", "2024-03-15T09:00:00+09:00", Alloy, 100m, new JsonObject { ["cmr:country"] = "JP" }),
            Step("collecting", "2024-06-01T09:00:00+09:00", Alloy, 100m, new JsonObject { ["cmr:wasteKind"] = "PostConsumer" }),
            Step("destroying", "2024-06-10T09:00:00+09:00", Alloy, 100m, new JsonObject { ["cmr:route"] = "Landfill" })));
        Assert.Equal([], used["errors"]!.AsArray().Select(e => e!.ToJsonString()));
        Assert.Equal((4, 3), (made["stored"]!.GetValue<int>(), used["stored"]!.GetValue<int>()));

        await rest.ProjectionsCaughtUpAsync();
        await epcis.ProjectionsCaughtUpAsync();
        var (restMinistry, ministry) = (await rest.NewOrganizationAsync("Ministry"), await epcis.NewOrganizationAsync("Ministry"));
        foreach (var cls in new[] { Oxide, Iron, Alloy })
            Assert.Equal(await LotsOfAsync(restMinistry, cls), await LotsOfAsync(ministry, cls));
        var alloys = JsonNode.Parse(await LotsOfAsync(ministry, Alloy))!.AsArray();
        Assert.Equal([(250m, 150m, "Active"), (100m, 0m, "Closed")], alloys.Select(l => (l!["massKg"]!.GetValue<decimal>(),
            l["remainingKg"]!.GetValue<decimal>(), l["stage"]!.GetValue<string>())).OrderByDescending(l => l.Item1));
        Assert.Equal(0.266666666666m, alloys.OrderByDescending(l => l!["massKg"]!.GetValue<decimal>()).First()!["composition"]!.AsArray()
            .Single(c => c!["component"]!.GetValue<string>() == "Nd")!["fraction"]!.GetValue<decimal>());

        const string figures =
            "{ supplyRisk(element: \"Nd\", year: 2024) { sourcing { country share massKg } hhi importReliance missing } " +
            "exposure(country: \"CN\", element: \"Nd\", year: 2024) { enteringMassKg lotCount } " +
            "kpiProgress(from: 2024, to: 2024) { kpi year value } }";
        var expected = await restMinistry.Api.GraphQLAsync(figures);
        Assert.True(expected["errors"] is null, expected.ToJsonString());
        // What entered Japan from China: the oxide's 80 kg of Nd.
        Assert.Equal(80m, expected["data"]!["exposure"]!["enteringMassKg"]!.GetValue<decimal>());
        Assert.Equal(expected.ToJsonString(), (await ministry.Api.GraphQLAsync(figures)).ToJsonString());

        // Read as EPCIS, both registries tell the alloy's story alike: the REST commands exported, the captured kept.
        foreach (var registry in new[] { restMinistry, ministry })
        {
            var events = (await registry.Api.Http.GetFromJsonAsync<JsonObject>(
                $"/epcis/events?MATCH_anyEPCClass={Uri.EscapeDataString(Alloy)}&orderBy=eventTime&orderDirection=ASC"))!
                ["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
            Assert.Equal(["TransformationEvent commissioning", "ObjectEvent shipping", "ObjectEvent retail_selling",
                "ObjectEvent collecting", "ObjectEvent destroying"],
                events.Select(e => $"{e!["type"]} {e["bizStep"]}"));
            Assert.All(events, e => Assert.StartsWith("ni:///sha-256;", e!["cmr:eventHash"]!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("rollback")]
    [InlineData("proceed")]
    public async Task A_transformation_that_creates_mass_is_refused_and_rollback_stores_nothing_while_proceed_stores_the_rest(string behaviour)
    {
        // 100 kg of oxide cannot become 10,000 kg of alloy: that event fails; with rollback the oxide's commissioning
        // before it is not stored either, with proceed it is (one lot, two events stored: commissioning and an inspection).
        await using var registry = await IsolatedRegistry.StartAsync();
        var maker = await registry.NewOrganizationAsync("Manufacturer");
        var creating = Transformation(outputKg: 10_000m);
        creating["inputQuantityList"] = new JsonArray(Epcis.Quantity(Oxide, 100m));

        var job = await maker.Api.CapturedAsync(Epcis.Document(EpcisCaptureTests.Commissioning(Oxide, 100m), creating,
            EpcisCaptureTests.Observing(Oxide)), behaviour);

        Assert.False(job["success"]!.GetValue<bool>());
        var error = job["errors"]!.AsArray().Single()!;
        Assert.Equal((1, "epcisException:ValidationException"), (error["eventIndex"]!.GetValue<int>(), error["type"]!.GetValue<string>()));
        Assert.Contains("more than", error["detail"]!.GetValue<string>());
        var stored = behaviour == "rollback" ? 0 : 2;
        Assert.Equal(stored, job["stored"]!.GetValue<int>());
        Assert.Equal(stored, await CountAsync(registry, "select count(*)::int from registry.epcis_events where captured_by = ?", maker.Id));
        Assert.Equal(behaviour == "rollback" ? 0 : 1, await CountAsync(registry, "select count(*)::int from registry.mt_doc_lot where data ->> 'OwnerId' = ?", maker.Id.ToString()));
    }

    [Fact]
    public async Task A_capture_job_accepted_before_a_restart_is_finished_after_it_and_applied_once()
    {
        // 600 commissioning events (more than one batch of 500, so the job is kept for a worker): the first process
        // runs no jobs, the second resumes it; 600 lots, 600 events, each once.
        await using var registry = await IsolatedRegistry.StartAsync(new() { ["Registry__Epcis__RunsCaptureJobs"] = "false" });
        var maker = await registry.NewOrganizationAsync("Manufacturer");
        var document = Epcis.Document(Enumerable.Range(0, 600)
            .Select(i => EpcisCaptureTests.Commissioning($"https://id.gs1.org/01/{Epcis.Gtin("0401234500004")}/10/L{i}", 10m)).ToArray());
        var accepted = await maker.Api.CaptureAsync(document);
        await Expect.StatusAsync(accepted, 202);
        var pending = (await maker.Api.Http.GetFromJsonAsync<JsonObject>(accepted.Headers.Location!.ToString()))!;
        Assert.True(pending["running"]!.GetValue<bool>());

        await registry.RestartAsync();

        // The maker's key, on the new process.
        var again = registry.Client(maker.Api.Http.DefaultRequestHeaders.Authorization!.Parameter);
        var finished = await again.FinishedJobAsync(accepted);
        Assert.Equal((true, 600, 0), (finished["success"]!.GetValue<bool>(), finished["stored"]!.GetValue<int>(), finished["duplicates"]!.GetValue<int>()));
        Assert.Equal(600, await CountAsync(registry, "select count(*)::int from registry.mt_doc_lot where data ->> 'OwnerId' = ?", maker.Id.ToString()));
        Assert.Equal(600, await CountAsync(registry, "select count(*)::int from registry.epcis_events where captured_by = ?", maker.Id));
        Assert.Equal(0, await CountAsync(registry, "select count(*)::int from registry.epcis_capture_documents where capture_id = ?", Guid.Parse(finished["captureID"]!.GetValue<string>())));
    }

    private static JsonObject Commissioned(string cls, decimal kg, string material, string origin)
    {
        var e = EpcisCaptureTests.Commissioning(cls, kg, material);
        var ilmd = e["ilmd"]!.AsObject();
        ilmd.Remove("cmr:composition");
        ilmd["cbvmda:countryOfOrigin"] = origin;
        return e;
    }

    private static JsonObject Transformation(decimal outputKg = 250m) => new()
    {
        ["type"] = "TransformationEvent", ["eventTime"] = "2024-03-05T09:00:00+09:00", ["eventTimeZoneOffset"] = "+09:00",
        ["bizStep"] = "commissioning",
        ["inputQuantityList"] = new JsonArray(Epcis.Quantity(Oxide, 100m), Epcis.Quantity(Iron, 200m)),
        ["outputQuantityList"] = new JsonArray(Epcis.Quantity(Alloy, outputKg)),
        ["ilmd"] = new JsonObject { ["cmr:category"] = "RareMetal", ["cmr:material"] = "NDFEB_ALLOY" },
        ["cmr:process"] = "Manufacturing",
    };

    private static JsonObject Step(string bizStep, string at, string cls, decimal kg, JsonObject fields, string? destination = null)
    {
        var e = new JsonObject
        {
            ["type"] = "ObjectEvent", ["eventTime"] = at, ["eventTimeZoneOffset"] = "+09:00", ["action"] = "OBSERVE",
            ["bizStep"] = bizStep, ["quantityList"] = new JsonArray(Epcis.Quantity(cls, kg)),
        };
        if (destination is not null)
            e["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = $"https://id.gs1.org/417/{destination}" });
        foreach (var (key, value) in fields) e[key] = value?.DeepClone();
        return e;
    }

    /// <summary>The lots of a class as a ministry reads them, in a stable order, without ids.</summary>
    private static async Task<string> LotsOfAsync(Member ministry, string cls)
    {
        var answer = await ministry.Api.GraphQLAsync(
            $"query($c: String) {{ lots(filter: {{ epcClass: $c }}, first: 10) {{ edges {{ node {{ {LotFields} }} }} }} }}", new { c = cls });
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        // A part's number ends in its own id (a UUIDv7's last 8 hex digits), which differs between the registries.
        var lots = answer["data"]!["lots"]!["edges"]!.AsArray()
            .Select(e => System.Text.RegularExpressions.Regex.Replace(e!["node"]!.ToJsonString(), "/[0-9a-f]{8}\"", "/<part>\"")).Order();
        return $"[{string.Join(",", lots)}]";
    }

    private static async Task<int> CountAsync(IRegistryHost registry, string sql, object parameter)
    {
        await using var session = registry.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.AdvancedSql.QueryAsync<int>(sql, CancellationToken.None, parameter)).Single();
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// The capture door as a partner's EPCIS client meets it: every GS1 and OpenEPCIS valid document is taken, every
/// invalid one refused with the event and pointer and nothing stored, a resent document changes nothing.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class EpcisCaptureTests(RegistryApp app)
{
    public static TheoryData<string> Valid()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(EpcisExamples.Directory(Path.Combine("openepcis-test-resources", "valid"))).Order()
                     .Concat(Directory.GetFiles(EpcisExamples.Directory(), "*.jsonld").Where(f => !f.EndsWith("EPCISQueryDocument.jsonld")).Order()))
            data.Add(Path.GetRelativePath(EpcisExamples.Directory(), file));
        return data;
    }

    public static TheoryData<string> Invalid()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(EpcisExamples.Directory(Path.Combine("openepcis-test-resources", "invalid"))).Order())
            data.Add(Path.GetRelativePath(EpcisExamples.Directory(), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task A_valid_document_is_captured_whole(string file)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var document = await File.ReadAllTextAsync(Path.Combine(EpcisExamples.Directory(), file));
        var events = JsonNode.Parse(document)!["epcisBody"]!["eventList"]!.AsArray().Count;

        var job = await maker.Api.CapturedAsync(document);

        Assert.Equal([], job["errors"]!.AsArray().Select(e => e!.ToJsonString()));
        Assert.True(job["success"]!.GetValue<bool>());
        // Another test's capture of the same event is this capture's duplicate: each event is stored once.
        Assert.Equal(events, job["stored"]!.GetValue<int>() + job["duplicates"]!.GetValue<int>());
        Assert.Equal(job["stored"]!.GetValue<int>(), await StoredByAsync(maker.Id));

        // Queried back: each event the maker stored is one of the document's, unchanged but for what the repository
        // adds (recordTime, cmr:eventHash, the hash as eventID where it had none), every prefix its keys use declared.
        var answer = (await maker.Api.Http.GetFromJsonAsync<JsonObject>("/epcis/events?perPage=1000"))!;
        Assert.Equal("EPCISQueryDocument", answer["type"]!.GetValue<string>());
        var returned = answer["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
        Assert.Equal(job["stored"]!.GetValue<int>(), returned.Count);
        var originals = JsonNode.Parse(document)!["epcisBody"]!["eventList"]!.AsArray();
        var declared = Prefixes(answer["@context"]);
        foreach (var e in returned.Select(r => r!.AsObject()))
        {
            var hash = e["cmr:eventHash"]!.GetValue<string>();
            Assert.StartsWith("ni:///sha-256;", hash);
            Assert.True(originals.Any(o => JsonNode.DeepEquals(AsCaptured(o!.AsObject(), hash), AsCaptured(e, hash))),
                $"{AsCaptured(e, hash).ToJsonString()} is none of {originals.ToJsonString()}");
            Assert.All(Keys(e).Where(k => k.Contains(':') && !k.StartsWith("http")), k =>
                Assert.True(declared.Contains(k[..k.IndexOf(':')]) || Prefixes(e["@context"]).Contains(k[..k.IndexOf(':')]), $"{k} in {file}"));
        }
    }

    [Fact]
    public async Task Another_companys_events_are_invisible_and_a_ministry_sees_them()
    {
        var (maker, other, ministry) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"),
            await app.NewOrganizationAsync("Ministry"));
        var cls = $"https://id.gs1.org/01/{Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999))}/10/V1";
        var job = await maker.Api.CapturedAsync(Epcis.Document(Commissioning(cls, 10m), Observing(cls)));
        Assert.Equal(2, job["stored"]!.GetValue<int>());
        var query = $"/epcis/events?MATCH_anyEPCClass={Uri.EscapeDataString(cls)}";

        Assert.Equal(2, (await EventsAsync(maker, query)).Count);
        Assert.Equal(2, (await EventsAsync(ministry, query)).Count);
        Assert.Empty(await EventsAsync(other, query));
        var id = (await EventsAsync(maker, query))[0]!["eventID"]!.GetValue<string>();
        var hidden = await other.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(id)}");
        var missing = await other.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString("ni:///sha-256;" + new string('0', 64) + "?ver=CBV2.0")}");
        Assert.Equal((404, await missing.Content.ReadAsStringAsync()), ((int)hidden.StatusCode, await hidden.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task One_event_is_captured_at_once_answered_201_then_200_as_a_duplicate_and_409_when_a_rule_refuses_it()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var cls = $"https://id.gs1.org/01/{Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999))}/10/S1";
        var one = Commissioning(cls, 5m);
        one["@context"] = new JsonArray(Epcis.Context, new JsonObject { ["cmr"] = "urn:circular-material-registry:" });

        var created = await PostEventAsync(maker, one);
        await Expect.StatusAsync(created, 201);
        var location = created.Headers.Location!.ToString();
        Assert.StartsWith("/epcis/events/ni%3A%2F%2F%2Fsha-256%3B", location);
        var again = await PostEventAsync(maker, one);
        await Expect.StatusAsync(again, 200);
        Assert.Equal(location, again.Headers.Location!.ToString());
        var stored = (await maker.Api.Http.GetFromJsonAsync<JsonObject>(location))!;
        Assert.Equal(cls, stored["quantityList"]![0]!["epcClass"]!.GetValue<string>());

        // Shipping 50 kg of a 5 kg lot to another registered company: more than it holds.
        var buyer = Epcis.NewGln();
        await app.NewOrganizationAsync("Manufacturer", gln: buyer);
        var shipping = Observing(cls);
        shipping["bizStep"] = "shipping";
        shipping["quantityList"] = new JsonArray(Epcis.Quantity(cls, 50m));
        shipping["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = $"https://id.gs1.org/417/{buyer}" });
        var refused = await Expect.ProblemAsync(await PostEventAsync(maker, shipping), 409, "exceeds-remaining-mass");
        Assert.Equal("epcisException:ValidationException", refused["type"]!.GetValue<string>());
        Assert.Equal(1, await StoredByAsync(maker.Id));
    }

    [Fact]
    public async Task A_companys_capture_jobs_are_listed_newest_first_page_by_page_and_nobody_elses()
    {
        var (maker, other) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await maker.Api.CapturedAsync(Epcis.Document(Observing($"urn:epc:class:lgtin:4012345.012345.J{i}{maker.Id:N}"))))["captureID"]!.GetValue<string>());

        var first = await maker.Api.Http.GetAsync("/epcis/capture?perPage=2");
        var page = (await first.Content.ReadFromJsonAsync<JsonObject>())!["member"]!.AsArray();
        var next = first.Headers.GetValues("Link").Single();
        var rest = (await maker.Api.Http.GetFromJsonAsync<JsonObject>(next[1..next.IndexOf('>')]))!["member"]!.AsArray();
        Assert.Equal(Enumerable.Reverse(ids), page.Concat(rest).Select(j => j!["captureID"]!.GetValue<string>()));
        Assert.Empty((await other.Api.Http.GetFromJsonAsync<JsonObject>("/epcis/capture"))!["member"]!.AsArray());
        await Expect.ProblemAsync(await other.Api.Http.GetAsync($"/epcis/capture/{ids[0]}"), 404, "capture-job-not-found");
    }

    private static Task<HttpResponseMessage> PostEventAsync(Member member, JsonObject e) =>
        member.Api.Http.PostAsync("/epcis/events", new StringContent(e.ToJsonString(), System.Text.Encoding.UTF8, "application/ld+json"));

    private static async Task<JsonArray> EventsAsync(Member member, string query) =>
        (await member.Api.Http.GetFromJsonAsync<JsonObject>(query))!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();

    /// <summary>An event without what the repository sets (recordTime, its hash; the hash as eventID where it had none)
    /// and its own @context (the answer may declare its prefixes at the document's top instead).</summary>
    private static JsonObject AsCaptured(JsonObject answered, string hash)
    {
        var e = answered.DeepClone().AsObject();
        foreach (var added in new[] { "recordTime", "cmr:eventHash", "@context" }) e.Remove(added);
        if (e["eventID"]?.GetValue<string>() == hash) e.Remove("eventID");
        return e;
    }

    private static HashSet<string> Prefixes(JsonNode? context) =>
        (context as JsonArray ?? (context is null ? [] : [context.DeepClone()])).OfType<JsonObject>().SelectMany(m => m.Select(p => p.Key))
        .Concat(["cbv", "cbvmda", "gs1", "epcis", "rdfs", "xsd", "dcterms", "owl"]).ToHashSet();

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_document_is_refused_with_where_and_stores_nothing(string file)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var response = await maker.Api.CaptureAsync(await File.ReadAllTextAsync(Path.Combine(EpcisExamples.Directory(), file)));

        var problem = await Expect.ProblemAsync(response, 400, "epcis-validation-failed");
        Assert.Equal("epcisException:ValidationException", problem["type"]!.GetValue<string>());
        Assert.NotEmpty(problem["errors"]!.AsArray());
        Assert.All(problem["errors"]!.AsArray(), e => Assert.StartsWith("/", e!["pointer"]!.GetValue<string>()));
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
        Assert.Equal(0, await StoredByAsync(maker.Id));
    }

    [Fact]
    public async Task A_bare_word_that_is_no_cbv_value_is_named_at_its_event_and_field()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var file = Path.Combine(EpcisExamples.Directory(), "openepcis-test-resources", "invalid", "ObjectEvent_with_non_standard_bizStep_in_second_event.json");
        var problem = await Expect.ProblemAsync(await maker.Api.CaptureAsync(await File.ReadAllTextAsync(file)), 400, "epcis-validation-failed");
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["eventIndex"]?.GetValue<int>() == 1 &&
                                                           e["pointer"]!.GetValue<string>() == "/epcisBody/eventList/1/bizStep");
    }

    [Fact]
    public async Task A_resent_document_changes_nothing_and_reports_its_events_as_duplicates()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var gtin = Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999));
        var document = Epcis.Document(Commissioning($"https://id.gs1.org/01/{gtin}/10/A1", 100m), Observing($"https://id.gs1.org/01/{gtin}/10/A1"));

        var first = await maker.Api.CapturedAsync(document);
        var again = await maker.Api.CapturedAsync(document);

        Assert.Equal((2, 0), (first["stored"]!.GetValue<int>(), first["duplicates"]!.GetValue<int>()));
        Assert.Equal((0, 2, true), (again["stored"]!.GetValue<int>(), again["duplicates"]!.GetValue<int>(), again["success"]!.GetValue<bool>()));
        Assert.Equal(2, await StoredByAsync(maker.Id));
        const string ofClass = "query($c: String) { lots(filter: { epcClass: $c }) { edges { node { massKg } } } }";
        var lots = (await maker.Api.GraphQLAsync(ofClass, new { c = $"https://id.gs1.org/01/{gtin}/10/A1" }))["data"]!["lots"]!["edges"]!.AsArray();
        Assert.Equal([100m], lots.Select(l => l!["node"]!["massKg"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task An_event_naming_a_held_lot_without_moving_mass_is_an_observation_in_its_history()
    {
        // Commissioned (10 kg), then inspected: the lot keeps its 10 kg and shows both, the second as lot_observed.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var cls = $"https://id.gs1.org/01/{Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999))}/10/O1";
        var job = await maker.Api.CapturedAsync(Epcis.Document(Commissioning(cls, 10m), Observing(cls)));
        Assert.Equal(2, job["stored"]!.GetValue<int>());

        const string ofClass = "query($c: String) { lots(filter: { epcClass: $c }) { edges { node { remainingKg events { type data } } } } }";
        var lot = (await maker.Api.GraphQLAsync(ofClass, new { c = cls }))["data"]!["lots"]!["edges"]![0]!["node"]!;
        Assert.Equal(10m, lot["remainingKg"]!.GetValue<decimal>());
        Assert.Equal(["lot_registered", "lot_observed"], lot["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        var observed = lot["events"]![1]!["data"]!;
        Assert.Equal(("ObjectEvent", "inspecting"), (observed["eventType"]!.GetValue<string>(), observed["bizStep"]!.GetValue<string>()));
        Assert.StartsWith("ni:///sha-256;", observed["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Events_a_rule_refuses_are_job_errors_never_server_errors_and_foreign_or_own_parties_move_no_custody()
    {
        var gln = Epcis.NewGln();
        var maker = await app.NewOrganizationAsync("Manufacturer", gln: gln);
        var cls = $"https://id.gs1.org/01/{Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999))}/10/R1";
        await maker.Api.RegisterLotAsync(new { epcClass = cls, massKg = 100m });

        async Task<JsonObject> ErrorOf(JsonObject e)
        {
            var job = await maker.Api.CapturedAsync(Epcis.Document(e));
            Assert.False(job["success"]!.GetValue<bool>());
            return job["errors"]!.AsArray().Single()!.AsObject();
        }

        // The class is the maker's already (registered through REST): commissioning it again is refused, named.
        Assert.Equal("epc-class-taken", (await ErrorOf(Commissioning(cls, 5m)))["code"]!.GetValue<string>());
        // 79,000,000,000,000,000,000,000,000 t: past decimal's range in kg, refused as too heavy, not a server error.
        var huge = Commissioning($"https://id.gs1.org/01/{Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999))}/10/R2", 1m);
        huge["quantityList"] = new JsonArray(Epcis.Quantity(huge["quantityList"]![0]!["epcClass"]!.GetValue<string>(), 7.9e27m, "TNE"));
        Assert.Equal("validation-failed", (await ErrorOf(huge))["code"]!.GetValue<string>());
        // Collecting 5 kg of a 100 kg lot would turn all of it into waste: refused.
        var collecting = Observing(cls);
        collecting["bizStep"] = "collecting";
        collecting["cmr:wasteKind"] = "PostConsumer";
        collecting["quantityList"] = new JsonArray(Epcis.Quantity(cls, 5m));
        Assert.Equal("partial-quantity", (await ErrorOf(collecting))["code"]!.GetValue<string>());

        // Shipping to its own GLN, or to a party the registry does not know, moves no custody: observations.
        foreach (var party in new[] { gln, Epcis.NewGln() })
        {
            var shipping = Observing(cls);
            shipping["bizStep"] = "shipping";
            shipping["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = $"https://id.gs1.org/417/{party}" });
            var job = await maker.Api.CapturedAsync(Epcis.Document(shipping));
            Assert.Equal((true, 1), (job["success"]!.GetValue<bool>(), job["stored"]!.GetValue<int>()));
        }
        const string ofClass = "query($c: String) { lots(filter: { epcClass: $c }) { edges { node { holder remainingKg events { type } } } } }";
        var lot = (await maker.Api.GraphQLAsync(ofClass, new { c = cls }))["data"]!["lots"]!["edges"]!.AsArray().Single()!["node"]!;
        Assert.Equal((maker.Name, 100m), (lot["holder"]!.GetValue<string>(), lot["remainingKg"]!.GetValue<decimal>()));
        Assert.Equal(["lot_registered", "lot_observed", "lot_observed"], lot["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Limits_are_advertised_and_a_document_over_them_is_refused_413()
    {
        var options = await app.Client(null).Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/epcis/capture"));
        await Expect.StatusAsync(options, 204);
        var limit = int.Parse(options.Headers.GetValues("GS1-EPCIS-Capture-Limit").Single());
        Assert.True(limit >= 10_000);
        Assert.True(long.Parse(options.Headers.GetValues("GS1-EPCIS-Capture-File-Size-Limit").Single()) > 0);

        var maker = await app.NewOrganizationAsync("Manufacturer");
        var tooMany = Epcis.Document(Enumerable.Range(0, limit + 1).Select(_ => Observing("urn:epc:class:lgtin:4012345.012345.X")).ToArray());
        var problem = await Expect.ProblemAsync(await maker.Api.CaptureAsync(tooMany), 413, "capture-limit-exceeded");
        Assert.Equal("epcisException:CaptureLimitExceededException", problem["type"]!.GetValue<string>());
        Assert.Equal(0, await StoredByAsync(maker.Id));
    }

    [Fact]
    public async Task A_document_of_ten_thousand_events_is_captured()
    {
        // Each a distinct observation (its own time), so none is a duplicate of another: 10,000 stored.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var start = DateTimeOffset.Parse("2020-01-01T00:00:00Z");
        var document = Epcis.Document(Enumerable.Range(0, 10_000).Select(i =>
        {
            var e = Observing($"urn:epc:class:lgtin:4012345.012345.{maker.Id:N}");
            e["eventTime"] = start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
            return e;
        }).ToArray());

        var job = await maker.Api.CapturedAsync(document);

        Assert.Equal((true, 10_000, 0), (job["success"]!.GetValue<bool>(), job["stored"]!.GetValue<int>(), job["duplicates"]!.GetValue<int>()));
        Assert.Equal(10_000, await StoredByAsync(maker.Id));
    }

    internal static JsonObject Commissioning(string epcClass, decimal kg, string material = "ND_OXIDE") => new()
    {
        ["type"] = "ObjectEvent", ["eventTime"] = "2024-03-01T09:00:00+09:00", ["eventTimeZoneOffset"] = "+09:00",
        ["action"] = "ADD", ["bizStep"] = "commissioning", ["quantityList"] = new JsonArray(Epcis.Quantity(epcClass, kg)),
        ["ilmd"] = new JsonObject
        {
            ["cmr:category"] = "RareMetal", ["cmr:material"] = material, ["cmr:composition"] = new JsonObject { ["Nd"] = 0.8m },
            ["cbvmda:countryOfOrigin"] = "CN",
        },
    };

    internal static JsonObject Observing(string epcClass) => new()
    {
        ["type"] = "ObjectEvent", ["eventTime"] = "2024-03-02T09:00:00+09:00", ["eventTimeZoneOffset"] = "+09:00",
        ["action"] = "OBSERVE", ["bizStep"] = "inspecting", ["quantityList"] = new JsonArray(Epcis.Quantity(epcClass, 1m, "KGM")),
    };

    private async Task<int> StoredByAsync(Guid organizationId)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.AdvancedSql.QueryAsync<int>(
            "select count(*)::int from registry.epcis_events where captured_by = ?", CancellationToken.None, organizationId)).Single();
    }
}

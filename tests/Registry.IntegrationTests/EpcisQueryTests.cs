using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Epcis;
using Registry.Api.Epcis.Storing;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// The EPCIS query side (epcis.md): rows stored as capture stores them, read back over HTTP through every parameter,
/// paged with the Link header, refused with QueryParameterException, and never shown to an organization that may
/// not see them. Each test makes its own organizations and identifiers, so the shared host's other events stay out.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class EpcisQueryTests(RegistryApp app)
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>Five events of one manufacturer (E1..E5), event times on days 1..5, record times in the reverse order.</summary>
    private sealed record Set(Member Maker, string Run, string Class1Urn, string Class1, string Class2, string Class3,
        string Sgtin1, string Sgtin2, string Sgtin3, string Sscc, string[] Ids);

    private async Task<Set> FiveEventsAsync()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var run = Guid.NewGuid().ToString("N")[..12];
        // An LGTIN written as a URN, and its canonical Digital Link (the table keeps both).
        var class1Urn = $"urn:epc:class:lgtin:4012345.012345.A{run}";
        var class1 = LotClasses.Canonical(class1Urn)!;
        Assert.Equal($"https://id.gs1.org/01/04012345123456/10/A{run}", class1);
        var (class2, class3) = ($"urn:epc:class:lgtin:4012345.012345.B{run}", $"https://id.gs1.org/01/04012345123456/10/C{run}");
        var (sgtin1, sgtin2, sgtin3) = ($"urn:epc:id:sgtin:4012345.012345.1{run}", $"urn:epc:id:sgtin:4012345.012345.2{run}",
            $"urn:epc:id:sgtin:4012345.012345.3{run}");
        var sscc = $"urn:epc:id:sscc:4012345.{run}";
        var ids = new[] { Hash(run, 1), Hash(run, 2), Hash(run, 3), Hash(run, 4), $"urn:uuid:{Guid.NewGuid()}" };

        await StoreAsync(
            (Event(ids[0], Hash(run, 1), "ObjectEvent", 1, 5, new
            {
                action = "ADD", bizStep = "commissioning", disposition = "active",
                readPoint = new { id = $"urn:epc:id:sgln:4012345.00001.{run}" }, bizLocation = new { id = $"urn:epc:id:sgln:4012345.00000.{run}" },
                epcList = new[] { sgtin1 }, quantityList = new[] { new { epcClass = class1Urn, quantity = 100, uom = "KGM" } },
            }), maker.Id, []),
            (Event(ids[1], Hash(run, 2), "ObjectEvent", 2, 4, new
            {
                action = "OBSERVE", bizStep = "https://ref.gs1.org/cbv/BizStep-shipping", disposition = "in_transit",
                readPoint = new { id = $"urn:epc:id:sgln:4012345.00002.{run}" },
                epcList = new[] { sgtin1, sgtin2 }, quantityList = new[] { new { epcClass = class1, quantity = 40, uom = "KGM" } },
            }), maker.Id, []),
            (Event(ids[2], Hash(run, 3), "AggregationEvent", 3, 3, new
            {
                action = "ADD", bizStep = "packing", parentID = sscc, childEPCs = new[] { sgtin2 },
                bizLocation = new { id = $"urn:epc:id:sgln:4012345.00000.{run}" },
                childQuantityList = new[] { new { epcClass = class2, quantity = 5, uom = "KGM" } },
            }), maker.Id, []),
            (Event(ids[3], Hash(run, 4), "TransformationEvent", 4, 2, new
            {
                bizStep = "commissioning", transformationID = $"urn:uuid:t-{run}", inputEPCList = new[] { sgtin1 },
                inputQuantityList = new[] { new { epcClass = class1, quantity = 60, uom = "KGM" } },
                outputQuantityList = new[] { new { epcClass = class3, quantity = 50, uom = "KGM" } },
            }), maker.Id, []),
            (Event(ids[4], Hash(run, 5), "ObjectEvent", 5, 1, new
            {
                action = "DELETE", bizStep = "destroying", disposition = "destroyed", epcList = new[] { sgtin3 },
            }), maker.Id, []));
        return new Set(maker, run, class1Urn, class1, class2, class3, sgtin1, sgtin2, sgtin3, sscc, ids);
    }

    [Fact]
    public async Task Each_parameter_filters_the_events_as_GS1_defines_it()
    {
        var s = await FiveEventsAsync();
        var (e1, e2, e3, e4, e5) = (s.Ids[0], s.Ids[1], s.Ids[2], s.Ids[3], s.Ids[4]);
        async Task Is(string query, params string[] expected) =>
            Assert.True(expected.SequenceEqual(await IdsAsync(s.Maker, query)), $"{query}: expected {string.Join(", ", expected)}, got " +
                string.Join(", ", await IdsAsync(s.Maker, query)));

        // The maker sees its five events, newest event time first (GS1's default direction).
        await Is("", e5, e4, e3, e2, e1);
        await Is("eventType=ObjectEvent", e5, e2, e1);
        await Is("eventType=AggregationEvent,TransformationEvent", e4, e3);
        await Is("eventType=AggregationEvent&eventType=TransformationEvent", e4, e3);
        // Days 2 (included) to 4 (excluded); the offset's '+' written raw arrives as a space and still counts.
        await Is($"GE_eventTime={Esc(Day0.AddDays(2))}&LT_eventTime={Esc(Day0.AddDays(4))}", e3, e2);
        await Is($"GE_eventTime={Day0.AddDays(4):yyyy-MM-ddTHH:mm:sszzz}", e5, e4);
        // Record times: E4 on day 2, E3 on day 3.
        await Is($"GE_recordTime={Esc(Day0.AddDays(32))}&LT_recordTime={Esc(Day0.AddDays(34))}", e4, e3);
        await Is("EQ_action=ADD", e3, e1);
        await Is("EQ_action=ADD,DELETE", e5, e3, e1);
        // E2 stored its bizStep as the CBV web URI, E1 and E4 as the bare word: either spelling finds both.
        await Is("EQ_bizStep=shipping", e2);
        await Is($"EQ_bizStep={Esc("https://ref.gs1.org/cbv/BizStep-commissioning")}", e4, e1);
        await Is("EQ_bizStep=shipping,destroying&eventType=ObjectEvent", e5, e2);
        await Is("EQ_disposition=in_transit", e2);
        await Is($"EQ_disposition={Esc("https://ref.gs1.org/cbv/Disp-destroyed")}", e5);
        await Is($"EQ_readPoint={Esc($"urn:epc:id:sgln:4012345.00001.{s.Run}")}", e1);
        await Is($"EQ_bizLocation={Esc($"urn:epc:id:sgln:4012345.00000.{s.Run}")}", e3, e1);
        // MATCH_epc: epcList and childEPCs only; E4 names sgtin1 as an input EPC, found by MATCH_inputEPC/anyEPC.
        await Is($"MATCH_epc={Esc(s.Sgtin1)}", e2, e1);
        await Is($"MATCH_epc={Esc(s.Sgtin2)}", e3, e2);
        await Is($"MATCH_anyEPC={Esc(s.Sgtin1)}", e4, e2, e1);
        await Is($"MATCH_inputEPC={Esc(s.Sgtin1)}", e4);
        await Is($"MATCH_parentID={Esc(s.Sscc)}", e3);
        // Class 1 is written as a URN in E1 and as its Digital Link in E2 and E4: each spelling finds all of them.
        await Is($"MATCH_epcClass={Esc(s.Class1Urn)}", e2, e1);
        await Is($"MATCH_epcClass={Esc(s.Class1)}", e2, e1);
        await Is($"MATCH_epcClass={Esc(s.Class2)}", e3);
        await Is($"MATCH_inputEPCClass={Esc(s.Class1Urn)}", e4);
        await Is($"MATCH_outputEPCClass={Esc(s.Class3)}", e4);
        await Is($"MATCH_outputEPCClass={Esc(s.Class1)}");
        await Is($"MATCH_anyEPCClass={Esc(s.Class1)}", e4, e2, e1);
        await Is($"MATCH_anyEPCClass={Esc(s.Class2)},{Esc(s.Class3)}", e4, e3);
        // E5 has an eventID of its own and is also found by its hash.
        await Is($"EQ_eventID={Esc(e5)}", e5);
        await Is($"EQ_eventID={Esc(Hash(s.Run, 5))},{Esc(e1)}", e5, e1);
        await Is($"EQ_transformationID={Esc($"urn:uuid:t-{s.Run}")}", e4);
        // Quantities: E1 100, E2 40, E3 5, E4 60 and 50, E5 none.
        await Is("GE_quantity=50", e4, e1);
        await Is("LT_quantity=10", e3);
        await Is("GE_quantity=41&LT_quantity=59", e4);
        await Is("orderBy=recordTime&orderDirection=ASC", e5, e4, e3, e2, e1);
        await Is("orderBy=eventTime&orderDirection=asc", e1, e2, e3, e4, e5);
        await Is("orderBy=recordTime", e1, e2, e3, e4, e5);
    }

    [Fact]
    public async Task The_answer_is_an_EPCISQueryDocument_with_the_events_prefixes_in_its_context()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var run = Guid.NewGuid().ToString("N")[..12];
        var (a, b) = (Hash(run, 1), Hash(run, 2));
        var first = Event(a, a, "ObjectEvent", 1, 1, new { action = "OBSERVE", epcList = new[] { $"urn:epc:id:sgtin:4012345.012345.{run}" } });
        first["example:myField"] = "x";
        // The second binds the same prefix to another IRI: it carries its own @context.
        var second = Event(b, b, "ObjectEvent", 2, 2, new { action = "OBSERVE", epcList = new[] { $"urn:epc:id:sgtin:4012345.012345.{run}" } });
        second["example:myField"] = "y";
        await StoreAsync(
            (first, maker.Id, [], new JsonObject { ["example"] = "http://ns.example.com/epcis/", ["cmr"] = "urn:circular-material-registry:" }),
            (second, maker.Id, [], new JsonObject { ["example"] = "http://other.example.com/" }));

        var response = await maker.Api.Http.GetAsync("/epcis/events?orderDirection=ASC");
        await Expect.StatusAsync(response, 200);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var document = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        // (Key order as stored: jsonb orders an object's keys by length.)
        AssertJson("""["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",{"example":"http://ns.example.com/epcis/","cmr":"urn:circular-material-registry:"}]""",
            document["@context"]!);
        Assert.Equal(("EPCISQueryDocument", "2.0"), (document["type"]!.GetValue<string>(), document["schemaVersion"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.TryParse(document["creationDate"]!.GetValue<string>(), out _));
        var results = document["epcisBody"]!["queryResults"]!;
        Assert.Equal("SimpleEventQuery", results["queryName"]!.GetValue<string>());
        var events = results["resultsBody"]!["eventList"]!.AsArray();
        Assert.Equal([a, b], events.Select(e => e!["eventID"]!.GetValue<string>()));
        Assert.Null(events[0]!["@context"]);
        Assert.Equal("""{"example":"http://other.example.com/"}""", events[1]!["@context"]!.ToJsonString());
        Assert.Equal("y", events[1]!["example:myField"]!.GetValue<string>());
        Assert.Equal(b, events[1]!["cmr:eventHash"]!.GetValue<string>());

        // One event alone: its document, the standard context and its prefixes first; by eventID or by hash.
        var one = await maker.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(a)}");
        await Expect.StatusAsync(one, 200);
        var alone = (await one.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("@context", alone.First().Key);
        AssertJson("""["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",{"example":"http://ns.example.com/epcis/","cmr":"urn:circular-material-registry:"}]""",
            alone["@context"]!);
        Assert.Equal(a, alone["eventID"]!.GetValue<string>());

        var s = await FiveEventsAsync();
        var byHash = (await (await s.Maker.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(Hash(s.Run, 5))}")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(s.Ids[4], byHash["eventID"]!.GetValue<string>());
        Assert.Equal("https://ref.gs1.org/standards/epcis/epcis-context.jsonld", byHash["@context"]!.GetValue<string>());

        // The top-level resources.
        var types = (await (await maker.Api.Http.GetAsync("/epcis/eventTypes")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Collection", types["type"]!.GetValue<string>());
        Assert.Equal(["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"],
            types["member"]!.AsArray().Select(m => m!.GetValue<string>()));
        var steps = (await (await maker.Api.Http.GetAsync("/epcis/bizSteps")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("shipping", steps["member"]!.AsArray().Select(m => m!.GetValue<string>()));
        var dispositions = (await (await maker.Api.Http.GetAsync("/epcis/dispositions")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("in_transit", dispositions["member"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal([s.Ids[2], s.Ids[1]], await IdsAsync(s.Maker, "", $"/epcis/epcs/{Uri.EscapeDataString(s.Sgtin2)}/events"));
        Assert.Equal([s.Ids[1]], await IdsAsync(s.Maker, "", "/epcis/bizSteps/shipping/events"));
        Assert.Equal([s.Ids[3], s.Ids[2]], await IdsAsync(s.Maker, "orderDirection=DESC", "/epcis/eventTypes/AggregationEvent,TransformationEvent/events"));
        Assert.Equal([s.Ids[4]], await IdsAsync(s.Maker, "", $"/epcis/dispositions/destroyed/events"));
        await Expect.ProblemAsync(await s.Maker.Api.Http.GetAsync("/epcis/bizSteps/shipping/events?EQ_bizStep=packing"), 400, "epcis-query-parameter");
    }

    [Fact]
    public async Task An_EPC_written_as_a_Digital_Link_is_found_through_its_URL_encoded_path()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var run = Guid.NewGuid().ToString("N")[..12];
        var epc = $"https://id.gs1.org/01/04012345123456/21/{run}";
        var id = Hash(run, 1);
        await StoreAsync((Event(id, id, "ObjectEvent", 1, 1, new { action = "OBSERVE", epcList = new[] { epc } }), maker.Id, []));

        Assert.Equal([id], await IdsAsync(maker, "", $"/epcis/epcs/{Uri.EscapeDataString(epc)}/events"));
        Assert.Equal([id], await IdsAsync(maker, $"MATCH_epc={Uri.EscapeDataString(epc)}"));
    }

    [Fact]
    public async Task Paging_walks_every_event_exactly_once_following_the_Link_header()
    {
        // 23 events, three to an event time (ties broken by seq): perPage 7 gives pages of 7, 7, 7 and 2.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var run = Guid.NewGuid().ToString("N")[..12];
        var rows = Enumerable.Range(0, 23).Select(i =>
        {
            var id = Hash(run, i);
            return (Event(id, id, i % 2 == 0 ? "ObjectEvent" : "AggregationEvent", i / 3, 23 - i,
                new { action = "OBSERVE", epcList = new[] { $"urn:epc:id:sgtin:4012345.012345.{run}{i}" } }), maker.Id, Array.Empty<Guid>());
        }).ToArray();
        await StoreAsync(rows);
        var all = rows.Select(r => r.Item1["eventID"]!.GetValue<string>()).ToHashSet();

        foreach (var order in new[] { "orderBy=eventTime&orderDirection=ASC", "orderBy=eventTime&orderDirection=DESC", "orderBy=recordTime&orderDirection=ASC", "" })
        {
            var seen = new List<string>();
            var pages = new List<int>();
            var next = $"/epcis/events?perPage=7{(order == "" ? "" : "&" + order)}";
            while (next is not null)
            {
                var response = await maker.Api.Http.GetAsync(next);
                await Expect.StatusAsync(response, 200);
                var events = (await response.Content.ReadFromJsonAsync<JsonObject>())!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
                seen.AddRange(events.Select(e => e!["eventID"]!.GetValue<string>()));
                pages.Add(events.Count);
                next = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
                Assert.True(next is null || (next.Contains("perPage=7") && next.Contains(order.Split('&')[0])), next);
            }
            Assert.Equal([7, 7, 7, 2], pages);
            Assert.Equal(23, seen.Count);
            Assert.True(all.SetEquals(seen), order);
            var times = seen.Select(id => rows.Single(r => r.Item1["eventID"]!.GetValue<string>() == id).Item1[order.StartsWith("orderBy=recordTime") ? "recordTime" : "eventTime"]!
                .GetValue<string>()).Select(DateTimeOffset.Parse).ToList();
            var sorted = order.EndsWith("ASC") ? times.Order().ToList() : times.OrderDescending().ToList();
            Assert.Equal(sorted, times);
        }

        // The filter travels with the token: 12 object events in pages of 5, 5 and 2.
        var objectIds = new List<string>();
        for (var next = "/epcis/events?eventType=ObjectEvent&perPage=5"; next is not null;)
        {
            var response = await maker.Api.Http.GetAsync(next);
            objectIds.AddRange((await response.Content.ReadFromJsonAsync<JsonObject>())!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!
                .AsArray().Select(e => e!["eventID"]!.GetValue<string>()));
            next = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
        }
        Assert.Equal(Enumerable.Range(0, 23).Where(i => i % 2 == 0).Select(i => Hash(run, i)).Order(), objectIds.Order());
    }

    [Theory]
    [InlineData("foo=1", "foo")]
    [InlineData("EQ_bizstep=shipping", "EQ_bizstep")]
    [InlineData("GE_eventTime=yesterday", "GE_eventTime")]
    [InlineData("GE_eventTime=2026-01-10T09:00:00", "GE_eventTime")]
    [InlineData("LT_recordTime=2026-13-10T09:00:00Z", "LT_recordTime")]
    [InlineData("GE_quantity=ten", "GE_quantity")]
    [InlineData("LT_quantity=", "LT_quantity")]
    [InlineData("orderBy=bizStep", "orderBy")]
    [InlineData("orderDirection=UP", "orderDirection")]
    [InlineData("perPage=0", "perPage")]
    [InlineData("perPage=-3", "perPage")]
    [InlineData("perPage=many", "perPage")]
    [InlineData("nextPageToken=garbage", "nextPageToken")]
    [InlineData("EQ_action=MOVE", "EQ_action")]
    [InlineData("eventType=Thing", "eventType")]
    [InlineData("MATCH_epc=a,,b", "MATCH_epc")]
    public async Task A_bad_parameter_is_a_QueryParameterException_naming_it(string query, string field)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var response = await maker.Api.Http.GetAsync("/epcis/events?" + query);
        var problem = await Expect.ProblemAsync(response, 400, "epcis-query-parameter");
        Assert.Equal("epcisException:QueryParameterException", problem["type"]!.GetValue<string>());
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        AssertVersionHeaders(response);
    }

    [Fact]
    public async Task A_token_read_in_one_order_is_refused_in_another()
    {
        var s = await FiveEventsAsync();
        var response = await s.Maker.Api.Http.GetAsync("/epcis/events?perPage=2&orderDirection=ASC");
        var next = NextOf(response.Headers.GetValues("Link").Single())!;
        var token = next[(next.IndexOf("nextPageToken=", StringComparison.Ordinal) + "nextPageToken=".Length)..];
        var problem = await Expect.ProblemAsync(await s.Maker.Api.Http.GetAsync($"/epcis/events?perPage=2&nextPageToken={token}"), 400, "epcis-query-parameter");
        Assert.Equal("nextPageToken", problem["field"]!.GetValue<string>());
        // perPage above the cap is answered with at most the cap.
        await Expect.StatusAsync(await s.Maker.Api.Http.GetAsync("/epcis/events?perPage=99999999999"), 200);
    }

    [Fact]
    public async Task An_organization_sees_its_captures_and_the_events_of_lots_it_may_see_and_nothing_else()
    {
        var (maker, other, stranger, ministry) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"),
            await app.NewOrganizationAsync("Recycler"), await app.NewOrganizationAsync("Ministry"));
        var run = Guid.NewGuid().ToString("N")[..12];
        var makersLot = await maker.Api.RegisterLotAsync(new { lotNumber = $"VIS-{run}" });
        var othersLot = await other.Api.RegisterLotAsync(new { lotNumber = $"VIS-{run}" });
        var epc = $"urn:epc:id:sgtin:4012345.012345.{run}";
        var (x, y, z) = (Hash(run, 1), Hash(run, 2), Hash(run, 3));
        // X: captured by the other organization about the maker's lot; Y: about no lot; Z: about the other's own lot.
        await StoreAsync(
            (Event(x, x, "ObjectEvent", 1, 1, new { action = "OBSERVE", bizStep = "receiving", epcList = new[] { epc } }), other.Id, [makersLot]),
            (Event(y, y, "ObjectEvent", 2, 2, new { action = "OBSERVE", bizStep = "receiving", epcList = new[] { epc } }), other.Id, []),
            (Event(z, z, "ObjectEvent", 3, 3, new { action = "OBSERVE", bizStep = "receiving", epcList = new[] { epc } }), other.Id, [othersLot]));
        var query = $"MATCH_epc={Esc(epc)}";

        Assert.Equal([z, y, x], await IdsAsync(other, query));
        Assert.Equal([x], await IdsAsync(maker, query));
        Assert.Empty(await IdsAsync(stranger, query));
        Assert.Equal([z, y, x], await IdsAsync(ministry, query));
        Assert.Equal([z, y, x], await IdsAsync(new Member("admin", Guid.Empty, "JP", app.Client(RegistryApp.AdminKey)), query));
        Assert.Equal([x], await IdsAsync(maker, "", $"/epcis/epcs/{Uri.EscapeDataString(epc)}/events"));

        // Y exists but is hidden from the maker: the answer is the very answer to an event that does not exist.
        var hidden = await maker.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(y)}");
        var missing = await maker.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(Hash(run, 9))}");
        var problem = await Expect.ProblemAsync(hidden, 404, "epcis-no-such-event");
        Assert.Equal("epcisException:NoSuchResourceException", problem["type"]!.GetValue<string>());
        Assert.Equal(await missing.Content.ReadAsByteArrayAsync(), await hidden.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(missing), Headers(hidden));
        await Expect.StatusAsync(await other.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(y)}"), 200);
        await Expect.StatusAsync(await maker.Api.Http.GetAsync($"/epcis/events/{Uri.EscapeDataString(x)}"), 200);

        // The stranger receives the maker's lot: it becomes a custodian and sees X.
        await maker.Api.TransferAsync(makersLot, stranger.Name);
        Assert.Equal([x], await IdsAsync(stranger, query));

        // Without a key: 401, with the version headers.
        var anonymous = await app.Client(null).Http.GetAsync("/epcis/events");
        await Expect.StatusAsync(anonymous, 401);
        AssertVersionHeaders(anonymous);
    }

    [Fact]
    public async Task Every_epcis_answer_names_the_EPCIS_and_CBV_versions()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        foreach (var path in new[] { "/epcis/events", "/epcis/events?foo=1", "/epcis/events/nothing", "/epcis/eventTypes", "/epcis/no-such-route" })
            AssertVersionHeaders(await maker.Api.Http.GetAsync(path));
        Assert.False((await maker.Api.Http.GetAsync("/health/live")).Headers.Contains("GS1-EPCIS-Version"));
    }

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual.ToJsonString()}");

    private static void AssertVersionHeaders(HttpResponseMessage response)
    {
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
        Assert.Equal("2.0.0", response.Headers.GetValues("GS1-CBV-Version").Single());
    }

    private static string Headers(HttpResponseMessage response) => string.Join("\n",
        response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date")
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}").Order());

    /// <summary>The eventIDs of a query's first page, as answered.</summary>
    private static async Task<List<string>> IdsAsync(Member member, string query, string path = "/epcis/events")
    {
        var response = await member.Api.Http.GetAsync(query == "" ? path : $"{path}?{query}");
        await Expect.StatusAsync(response, 200);
        AssertVersionHeaders(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!
            .AsArray().Select(e => e!["eventID"]!.GetValue<string>()).ToList();
    }

    private static string? NextOf(string link)
    {
        Assert.EndsWith("; rel=\"next\"", link);
        return link[1..link.IndexOf('>')];
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);
    private static string Esc(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));

    private static string Hash(string run, int n) => $"ni:///sha-256;{run}{n:D4}?ver=CBV2.0";

    /// <summary>An event as capture stores it: eventID, eventTime on day <paramref name="day"/>, recordTime on day
    /// 30 + <paramref name="recordDay"/>, its hash as <c>cmr:eventHash</c>, and the given fields.</summary>
    private static JsonObject Event(string eventId, string hash, string type, int day, int recordDay, object fields)
    {
        var e = new JsonObject
        {
            ["type"] = type,
            ["eventID"] = eventId,
            ["eventTime"] = Day0.AddDays(day).ToString("O"),
            ["eventTimeZoneOffset"] = "+09:00",
            ["recordTime"] = Day0.AddDays(30 + recordDay).ToUniversalTime().ToString("O"),
        };
        foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(fields)!.AsObject().ToList())
            e[key] = value?.DeepClone();
        e["cmr:eventHash"] = hash;
        return e;
    }

    private Task StoreAsync(params (JsonObject Document, Guid CapturedBy, Guid[] LotIds)[] rows) =>
        StoreAsync(rows.Select(r => (r.Document, r.CapturedBy, r.LotIds, new JsonObject())).ToArray());

    private async Task StoreAsync(params (JsonObject Document, Guid CapturedBy, Guid[] LotIds, JsonObject Context)[] rows)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        foreach (var (document, capturedBy, lotIds, context) in rows)
            StoredEpcisEvent.Of(document, context, document["cmr:eventHash"]!.GetValue<string>(), capturedBy, lotIds, null).QueueInsert(session);
        await session.SaveChangesAsync();
    }
}

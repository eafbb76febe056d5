using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Api.Epcis.Capturing;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests.Unit;

/// <summary>
/// The capture door's streaming reader reads what a whole-document parse reads, in pieces: the header is the
/// document without its events, each event is the list's element, however the bytes fall across buffer refills;
/// memory follows one event, not the document; and a document that is not EPCIS JSON is refused with where.
/// </summary>
public sealed class EpcisDocumentStreamTests
{
    private static readonly EpcisStreamOptions Tiny = new() { ReadChunkBytes = 7 };

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var (folder, pattern) in new[] { ("", "*.jsonld"), ("event-hash", "*.jsonld"), (Path.Combine("openepcis-test-resources", "valid"), "*.json") })
            foreach (var file in Directory.GetFiles(EpcisExamples.Directory(folder), pattern).Order())
                data.Add(Path.GetRelativePath(EpcisExamples.Directory(), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task An_example_reads_as_the_whole_document_parses(string file)
    {
        var path = Path.Combine(EpcisExamples.Directory(), file);
        var whole = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (whole["epcisBody"]?["eventList"] is not JsonArray)
        {
            // A query document holds its events under queryResults: no capture document.
            await using var query = File.OpenRead(path);
            Assert.Equal("not-epcis-document", (await Assert.ThrowsAsync<EpcisDocumentFormatException>(() =>
                EpcisDocumentStream.ReadHeaderAsync(query, CancellationToken.None))).Code);
            return;
        }
        foreach (var options in new[] { EpcisDocumentStream.Defaults, Tiny })
        {
            await using var stream = File.OpenRead(path);
            await AssertReadsAs(File.ReadAllBytes(path), stream, options);
        }
    }

    [Fact]
    public async Task The_body_may_come_before_the_context()
    {
        var json = """
            {"epcisBody":{"eventList":[{"type":"ObjectEvent","action":"OBSERVE"},{"type":"AggregationEvent","action":"ADD"}],"extra":[1,{"x":null}]},
             "@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",{"ex":"https://example.org/"}],
             "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-01-10T09:00:00+09:00",
             "epcisHeader":{"epcisMasterData":{"vocabularyList":[]}},"ex:note":"後"}
            """;
        foreach (var options in new[] { EpcisDocumentStream.Defaults, Tiny })
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            await AssertReadsAs(bytes, new MemoryStream(bytes), options);
        }
        var header = await EpcisDocumentStream.ReadHeaderAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);
        // The document's own order, with the list kept in its place.
        Assert.Equal(["epcisBody", "@context", "type", "schemaVersion", "creationDate", "epcisHeader", "ex:note"],
            header.Document.Select(p => p.Key));
        Assert.Equal(["eventList", "extra"], header.Document["epcisBody"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Events_split_across_seven_byte_reads_are_intact()
    {
        // Multi-byte characters, escapes, long strings and numbers: every token straddles some refill boundary.
        var events = Enumerable.Range(0, 50).Select(i => new JsonObject
        {
            ["type"] = "ObjectEvent",
            ["eventID"] = $"urn:uuid:{Guid.NewGuid()}",
            ["note"] = string.Concat(Enumerable.Repeat("日本語 💥 \"quoted\" \\ \t", i)),
            ["quantity"] = 1234567.891 * i,
            ["nested"] = new JsonArray(new JsonObject { ["deep"] = new JsonArray(i, true, null, "x") }),
        }).ToList();
        var document = Document(events);
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        var largestBuffer = 0;
        var options = Tiny with { BufferGrown = size => largestBuffer = Math.Max(largestBuffer, size) };
        await AssertReadsAs(bytes, new MemoryStream(bytes), options);
        var header = await EpcisDocumentStream.ReadHeaderAsync(new MemoryStream(bytes), CancellationToken.None);
        Assert.True(largestBuffer <= 2 * (header.LargestEventBytes + 7),
            $"buffer {largestBuffer} bytes for events of at most {header.LargestEventBytes}");
    }

    [Fact]
    public async Task Ten_thousand_events_are_read_in_a_buffer_of_a_few_events()
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            await using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteString("@context", "https://ref.gs1.org/standards/epcis/epcis-context.jsonld");
                writer.WriteString("type", "EPCISDocument");
                writer.WriteString("schemaVersion", "2.0");
                writer.WriteStartObject("epcisBody");
                writer.WriteStartArray("eventList");
                for (var i = 0; i < 10_000; i++)
                {
                    Event(i).WriteTo(writer);
                    if (i % 500 == 0) await writer.FlushAsync();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            Assert.True(new FileInfo(path).Length > 10_000_000, $"{new FileInfo(path).Length} bytes");

            var largestBuffer = 0;
            var options = EpcisDocumentStream.Defaults with { BufferGrown = size => largestBuffer = Math.Max(largestBuffer, size) };
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            stream.Seek(0, SeekOrigin.End); // as the spooler leaves it

            var header = await EpcisDocumentStream.ReadHeaderAsync(stream, options, CancellationToken.None);
            Assert.Equal(10_000, header.EventCount);
            Assert.Empty(header.Document["epcisBody"]!["eventList"]!.AsArray());

            var count = 0;
            await foreach (var (index, element, bytes) in EpcisDocumentStream.ReadEventsAsync(stream, options, CancellationToken.None))
            {
                Assert.Equal(count, index);
                Assert.True(JsonNode.DeepEquals(Event(index), element), $"event {index}");
                Assert.Equal(Encoding.UTF8.GetByteCount(Event(index).ToJsonString()), bytes);
                count++;
            }
            Assert.Equal(10_000, count);
            // One 16 KiB read chunk and a ~1 KB event: the buffer never needs more than a few chunks.
            Assert.True(largestBuffer <= 64 * 1024, $"buffer {largestBuffer} bytes");
        }
        finally
        {
            File.Delete(path);
        }

        static JsonObject Event(int i) => new()
        {
            ["type"] = "ObjectEvent",
            ["eventID"] = $"ni:///sha-256;{i:x64}?ver=CBV2.0",
            ["eventTime"] = "2026-01-10T09:00:00.000+09:00",
            ["eventTimeZoneOffset"] = "+09:00",
            ["action"] = "OBSERVE",
            ["epcList"] = new JsonArray([.. Enumerable.Range(0, 18).Select(n => (JsonNode)$"urn:epc:id:sgtin:4012345.011111.{i * 100 + n}")]),
            ["bizStep"] = "inspecting",
            ["readPoint"] = new JsonObject { ["id"] = "urn:epc:id:sgln:4012345.00001.0" },
            ["ex:mass"] = i * 0.5,
        };
    }

    [Fact]
    public async Task An_event_past_the_cap_is_refused_at_its_index()
    {
        var small = new JsonObject { ["type"] = "ObjectEvent" };
        var large = new JsonObject { ["type"] = "ObjectEvent", ["ex:blob"] = new string('x', 2000) };
        var bytes = Encoding.UTF8.GetBytes(Document([small, large, small.DeepClone().AsObject()]).ToJsonString());
        // Whole in one read, or found too large while still arriving.
        foreach (var options in new[] { new EpcisStreamOptions { MaxEventBytes = 1000 }, new EpcisStreamOptions { MaxEventBytes = 1000, ReadChunkBytes = 7 } })
        {
            var refused = await Refusals(bytes, options);
            Assert.All(refused, e => Assert.Equal(("too-large", "/epcisBody/eventList/1"), (e.Code, e.Pointer)));
            Assert.Contains("1000 bytes", refused[0].Message);
        }
        // Under the cap it passes.
        var header = await EpcisDocumentStream.ReadHeaderAsync(new MemoryStream(bytes), new EpcisStreamOptions { MaxEventBytes = 2100 }, CancellationToken.None);
        Assert.Equal(3, header.EventCount);
    }

    [Fact]
    public async Task The_default_cap_is_one_mebibyte_and_the_buffer_stays_near_it()
    {
        var large = new JsonObject { ["type"] = "ObjectEvent", ["ex:blob"] = new string('x', 1024 * 1024) };
        var bytes = Encoding.UTF8.GetBytes(Document([large]).ToJsonString());
        var largestBuffer = 0;
        var options = EpcisDocumentStream.Defaults with { BufferGrown = size => largestBuffer = Math.Max(largestBuffer, size) };
        var refused = await Refusals(bytes, options);
        Assert.All(refused, e => Assert.Equal(("too-large", "/epcisBody/eventList/0"), (e.Code, e.Pointer)));
        Assert.True(largestBuffer <= 2 * (1024 * 1024 + 16 * 1024), $"buffer {largestBuffer} bytes");
    }

    [Theory]
    [InlineData("", "malformed-json", "/", "not valid JSON")]
    [InlineData("{", "malformed-json", "/", "not valid JSON")]
    [InlineData("""{"epcisBody":{"eventList":[{"a":}]}}""", "malformed-json", "/epcisBody/eventList/0", "not valid JSON")]
    [InlineData("""{"epcisBody":{"eventList":[{},]}}""", "malformed-json", "/epcisBody/eventList", "not valid JSON")]
    [InlineData("""{"epcisBody":{"eventList":[]}} {}""", "malformed-json", "/", "not valid JSON")]
    [InlineData("""{"epcisBody":{"eventList":[]}}""" + "\n// comment", "malformed-json", "/", "not valid JSON")]
    [InlineData("""[{"epcisBody":{"eventList":[]}}]""", "not-epcis-document", "/", "is an array")]
    [InlineData("\"EPCISDocument\"", "not-epcis-document", "/", "is a string")]
    [InlineData("""{"type":"EPCISDocument"}""", "not-epcis-document", "/", "no epcisBody")]
    [InlineData("""{"epcisBody":[]}""", "not-epcis-document", "/epcisBody", "must be an object")]
    [InlineData("""{"epcisBody":{"queryResults":{}}}""", "not-epcis-document", "/epcisBody", "no eventList")]
    [InlineData("""{"epcisBody":{"eventList":{"type":"ObjectEvent"}}}""", "not-epcis-document", "/epcisBody/eventList", "must be an array")]
    [InlineData("""{"epcisBody":{"eventList":[{},{},"ObjectEvent"]}}""", "not-epcis-document", "/epcisBody/eventList/2", "Event 2 must be a JSON object")]
    [InlineData("""{"epcisBody":{"eventList":[{"type":"ObjectEvent","type":"AggregationEvent"}]}}""", "duplicate-property", "/epcisBody/eventList/0", "repeats")]
    [InlineData("""{"epcisBody":{"eventList":[{"a":{"b":[{"c":1,"c":1}]}}]}}""", "duplicate-property", "/epcisBody/eventList/0", "repeats")]
    [InlineData("""{"type":"a","epcisBody":{"eventList":[]},"type":"b"}""", "duplicate-property", "/type", "repeats the property 'type'")]
    [InlineData("""{"epcisBody":{"eventList":[],"eventList":[{}]}}""", "duplicate-property", "/epcisBody/eventList", "repeats")]
    [InlineData("""{"epcisHeader":{"x":1,"x":2},"epcisBody":{"eventList":[]}}""", "duplicate-property", "/epcisHeader", "repeats")]
    [InlineData("""{"epcisBody":{"eventList":[{"ex:note":"a\u0000b"}]}}""", "invalid-text", "/epcisBody/eventList/0", "ex:note contains a control character")]
    [InlineData("""{"schemaVersion":"\u0007","epcisBody":{"eventList":[]}}""", "invalid-text", "/schemaVersion", "the value contains a control character")]
    [InlineData("""{"a\u0000":1,"epcisBody":{"eventList":[]}}""", "invalid-text", "/", "property name")]
    public async Task A_document_that_is_not_epcis_json_is_refused_with_where(string json, string code, string pointer, string message)
    {
        foreach (var options in new[] { EpcisDocumentStream.Defaults, Tiny })
        {
            var refused = await Refusals(Encoding.UTF8.GetBytes(json), options);
            Assert.All(refused, e =>
            {
                Assert.Equal((code, pointer), (e.Code, e.Pointer));
                Assert.Contains(message, e.Message);
            });
        }
    }

    [Fact]
    public async Task Nesting_past_64_levels_and_invalid_utf8_are_refused()
    {
        // Document, body, list and event are four levels; 61 arrays inside the event make 65.
        var deep = "{\"epcisBody\":{\"eventList\":[{\"a\":" + new string('[', 61) + new string(']', 61) + "}]}}";
        Assert.All(await Refusals(Encoding.UTF8.GetBytes(deep), Tiny), e => Assert.Equal("malformed-json", e.Code));

        var bytes = Encoding.UTF8.GetBytes("""{"epcisBody":{"eventList":[{"type":"KOBE"}]}}""");
        bytes[Array.IndexOf(bytes, (byte)'K')] = 0xFF;
        Assert.All(await Refusals(bytes, Tiny), e => Assert.Equal(("invalid-text", "/epcisBody/eventList/0"), (e.Code, e.Pointer)));
    }

    /// <summary>The header and every event as the whole-document parse has them; sizes as the raw text's.</summary>
    private static async Task AssertReadsAs(byte[] whole, Stream stream, EpcisStreamOptions options)
    {
        var expected = JsonNode.Parse(whole)!.AsObject();
        var events = expected["epcisBody"]!["eventList"]!.AsArray();
        using var raw = JsonDocument.Parse(whole);
        var rawSizes = raw.RootElement.GetProperty("epcisBody").GetProperty("eventList").EnumerateArray()
            .Select(e => Encoding.UTF8.GetByteCount(e.GetRawText())).ToList();

        var header = await EpcisDocumentStream.ReadHeaderAsync(stream, options, CancellationToken.None);
        var read = new List<(int Index, JsonObject Event, int Bytes)>();
        await foreach (var item in EpcisDocumentStream.ReadEventsAsync(stream, options, CancellationToken.None)) read.Add(item);

        Assert.Equal(events.Count, header.EventCount);
        Assert.Equal(rawSizes.DefaultIfEmpty().Max(), header.LargestEventBytes);
        Assert.Equal(Enumerable.Range(0, events.Count), read.Select(r => r.Index));
        for (var i = 0; i < events.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(events[i], read[i].Event), $"event {i}: {read[i].Event.ToJsonString()}");
            Assert.Equal(rawSizes[i], read[i].Bytes);
        }
        expected["epcisBody"]!["eventList"] = new JsonArray();
        Assert.True(JsonNode.DeepEquals(expected, header.Document), header.Document.ToJsonString());
    }

    /// <summary>What each pass refuses the document with: both must refuse it, alike.</summary>
    private static async Task<List<EpcisDocumentFormatException>> Refusals(byte[] document, EpcisStreamOptions options)
    {
        var header = await Assert.ThrowsAsync<EpcisDocumentFormatException>(() =>
            EpcisDocumentStream.ReadHeaderAsync(new MemoryStream(document), options, CancellationToken.None));
        var events = await Assert.ThrowsAsync<EpcisDocumentFormatException>(async () =>
        {
            await foreach (var _ in EpcisDocumentStream.ReadEventsAsync(new MemoryStream(document), options, CancellationToken.None)) { }
        });
        return [header, events];
    }

    private static JsonObject Document(IEnumerable<JsonObject> events) => new()
    {
        ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/epcis-context.jsonld"),
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = "2026-01-10T09:00:00+09:00",
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray([.. events]) },
    };
}

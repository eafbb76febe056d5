using System.Text;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests.Fuzz;

/// <summary>One generated request: who sends it, where, with which body bytes and headers.</summary>
public sealed record FuzzCase(string Sender, string Path, byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public bool IsImport => Path == "/api/imports";

    public override string ToString() =>
        $"{Sender} POST {Path} [{ContentType}] {string.Join(" ", Headers.Select(h => $"{h.Key}: {h.Value}"))}\n" +
        Encoding.UTF8.GetString(Body.Length > 600 ? Body[..600] : Body);
}

/// <summary>The lots and organizations a fuzz run aims at: its own, another company's, none at all.</summary>
public sealed record FuzzTargets(Guid OwnLot, Guid WasteLot, Guid OthersLot, Guid OwnOrganization, string OwnName, string OtherName);

/// <summary>
/// Valid requests to every POST route, bent at random: a field given a value of the wrong type, size or text, a
/// field dropped or added, a body that is not JSON or not UTF-8, odd ids in the path, odd headers. Deterministic
/// for a seed.
/// </summary>
public sealed class RequestFuzzer(Random random, FuzzTargets targets)
{
    private static readonly string[] Operations =
        ["RegisterLot", "RecordTransformation", "TransferLot", "PlaceLotOnMarket", "CollectLotAsWaste", "TreatWaste", "CorrectLotMass"];

    private static readonly string[] OddRawValues =
    [
        "null", "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u001b[31m\"", "\"\\u0085\"",
        "-1", "0", "-0", "1e308", "1e400", "-1e400", "123456789012345678901234567890", "0.0000000000000000000000000001",
        "true", "[]", "{}", "[null]", "[{}]", "\"12\"", "\"Reuse,Landfill\"", "\"RegisterLot,TransferLot\"", "\"0\"", "\"landfill\"",
        "\"2026-01-01T00:00:00\"", "\"not a date\"", "\"9999-12-31T23:59:59+14:00\"", "\"0001-01-01T00:00:00+09:00\"",
        "\"2026-13-45T99:99:99Z\"", "\"00000000-0000-0000-0000-000000000000\"", "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"",
        "\"ZZ\"", "\"XX\"", "\"✓✓✓\"", "\"💥\"", "\"<script>alert(1)</script>\"", "\"'; drop table registry.mt_events; --\"",
        "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}",
    ];

    public FuzzCase Next()
    {
        var (path, body, sender) = random.Next(12) switch
        {
            0 => ("/api/lots", Registration(), "maker"),
            1 => ("/api/transformations", Transformation(), "maker"),
            2 => ($"/api/lots/{LotInPath()}/transfers", new JsonObject { ["occurredAt"] = Time(), ["toOrganization"] = targets.OtherName }, "maker"),
            3 => ($"/api/lots/{LotInPath()}/placements", new JsonObject { ["occurredAt"] = Time(), ["country"] = "JP" }, "maker"),
            4 => ($"/api/lots/{LotInPath()}/waste-collections", new JsonObject { ["occurredAt"] = Time(), ["wasteKind"] = "PreConsumer" }, "maker"),
            5 => ($"/api/lots/{LotInPath()}/treatments", new JsonObject { ["occurredAt"] = Time(), ["route"] = "Landfill", ["massKg"] = 0.001m }, "maker"),
            6 => ($"/api/lots/{LotInPath()}/corrections", new JsonObject { ["occurredAt"] = Time(), ["massKg"] = 99m, ["reason"] = "weighed" }, "maker"),
            7 => ("/api/organizations", new JsonObject { ["name"] = $"Fuzz-{random.Next()}", ["country"] = "JP", ["role"] = "Recycler" }, "admin"),
            8 => ("/api/imports", null, "maker"),
            9 => ("/epcis/capture", CaptureDocument(), "maker"),
            10 => ("/epcis/events", EpcisEvent(), "maker"),
            _ => ("/graphql", new JsonObject { ["query"] = Query() }, "ministry"),
        };
        var headers = new Dictionary<string, string>();
        if (random.Next(4) == 0) headers["Idempotency-Key"] = Pick(["fuzz-" + random.Next(50), " ", new string('k', 300), "k\u0001", "ключ"]);
        if (random.Next(6) == 0) headers["If-Match"] = Pick(["*", "\"1\"", "\"2\"", "W/\"1\"", "abc", "\"-1\"", "\"99999999999999999999\"", "\"\""]);
        if (random.Next(40) == 0 && path.StartsWith("/api/organizations")) path = $"/api/organizations/{Pick([targets.OwnOrganization, Guid.Empty, RandomGuid()])}/api-keys";

        if (body is null) return new(sender, path, Encoding.UTF8.GetBytes(ImportFile()), Pick(["application/x-ndjson", "application/x-ndjson", "application/json"]), headers);
        var (bytes, contentType) = Bend(body);
        return new(sender, path, bytes, contentType, headers);
    }

    private JsonObject Registration() => new()
    {
        ["lotNumber"] = $"FZ-{random.Next()}", ["category"] = "RareMetal", ["material"] = "DY_OXIDE", ["massKg"] = 10m,
        ["originCountry"] = "CN", ["composition"] = new JsonObject { ["Dy"] = 0.87m, ["O"] = 0.13m },
        ["provenance"] = new JsonObject { ["Dy"] = new JsonObject { ["CN"] = 0.5m, ["MM"] = 0.5m } },
        ["occurredAt"] = Time(), ["site"] = "Kobe",
    };

    private JsonObject Transformation() => new()
    {
        ["process"] = Pick(["Manufacturing", "MaterialRecycling"]), ["occurredAt"] = Time(),
        ["inputs"] = new JsonArray(new JsonObject { ["lotId"] = LotInPath(), ["massKg"] = 0.01m }),
        ["outputs"] = new JsonArray(new JsonObject
        {
            ["lotNumber"] = $"FZO-{random.Next()}", ["category"] = "RareMetal", ["material"] = "NDFEB_ALLOY", ["massKg"] = 0.005m,
        }),
    };

    /// <summary>An EPCIS document of one or two events: a commissioning that registers a lot, or an observation.</summary>
    private JsonObject CaptureDocument() => new()
    {
        ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
            new JsonObject { ["cmr"] = "urn:circular-material-registry:" }),
        ["type"] = "EPCISDocument", ["schemaVersion"] = "2.0", ["creationDate"] = Time(),
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => (JsonNode)Bent(EventOnly()))]) },
    };

    private JsonObject EpcisEvent()
    {
        var e = EventOnly();
        e["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
            new JsonObject { ["cmr"] = "urn:circular-material-registry:" });
        return e;
    }

    private JsonObject EventOnly()
    {
        var cls = $"https://id.gs1.org/01/09521234543213/10/FZ{random.Next(20)}";
        var e = new JsonObject
        {
            ["type"] = Pick(["ObjectEvent", "ObjectEvent", "TransformationEvent", "AggregationEvent"]), ["eventTime"] = Time(),
            ["eventTimeZoneOffset"] = "+09:00", ["action"] = Pick(["ADD", "OBSERVE", "DELETE"]),
            ["bizStep"] = Pick(["commissioning", "shipping", "retail_selling", "collecting", "destroying", "inspecting", "transforming"]),
            ["quantityList"] = new JsonArray(new JsonObject { ["epcClass"] = cls, ["quantity"] = Pick([1m, 0.5m, 1e9m, -1m]), ["uom"] = Pick(["KGM", "TNE", "GRM", "EA"]) }),
            ["ilmd"] = new JsonObject { ["cmr:category"] = Pick(["RareMetal", "Plastic", "Nope"]), ["cmr:material"] = Pick(["DY_OXIDE", "PP", "X"]) },
            ["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = Pick(["https://id.gs1.org/417/4590000000019", "urn:epc:id:pgln:0000000.00000"]) }),
            ["cmr:route"] = Pick(["Landfill", "landfill"]),
        };
        return e;
    }

    /// <summary>One field of the object bent, sometimes.</summary>
    private JsonObject Bent(JsonObject o)
    {
        if (random.Next(3) != 0) return o;
        var key = Pick(o.Select(p => p.Key).ToArray());
        // Lone surrogates cannot live in a JsonNode (the body's own bending writes them as raw text).
        o[key] = JsonNode.Parse(Pick(OddRawValues.Where(v => !v.Contains("\\ud")).ToArray()));
        return o;
    }

    private string Query() => Pick([
        $"{{ lot(id: \"{LotInPath()}\") {{ lotNumber events {{ type }} }} }}",
        "{ lots(first: 3) { nodes { id } } }",
        $"{{ lot(lotNumber: \"{Pick(["\\u0000", "x", "FZ-1"])}\", organization: \"{targets.OtherName}\") {{ id }} }}",
        $"{{ trace(lotId: \"{LotInPath()}\", direction: {Pick(["UPSTREAM", "DOWNSTREAM", "SIDEWAYS"])}, maxDepth: {Pick(["-1", "0", "51", "10"])}) {{ truncated }} }}",
        "{ plasticsKpis(year: 99999) { wasteKg } }",
        "{ supplyRisk(element: \"\\u0000\", year: 2025) { hhi } }",
        "{ exposure(country: \"💥\") { lotCount } }",
        "{ lots(first: 0) { nodes { id } } }",
        "{ lots(after: \"!!!\") { nodes { id } } }",
        "query($x: Int) { lots(first: $x) { nodes { id } } }",
        "{ __typename ",
        "mutation { x }",
    ]);

    private string ImportFile()
    {
        var lines = new StringBuilder();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var (op, body) = random.Next(3) switch
            {
                0 => ("RegisterLot", Registration()),
                1 => ("RecordTransformation", Transformation()),
                _ => (Pick(Operations[2..]), new JsonObject { ["occurredAt"] = Time(), ["country"] = "JP", ["toOrganization"] = targets.OtherName }),
            };
            var line = new JsonObject
            {
                ["op"] = random.Next(5) == 0 ? Pick(["RegisterLot,TransferLot", "1", "treatwaste", "", "Fly", " RegisterLot"]) : op,
                ["idempotencyKey"] = random.Next(8) == 0 ? Pick(["", " ", new string('i', 400)]) : $"fz-{random.Next()}",
                ["lot"] = new JsonObject { [Pick(["id", "lotNumber"])] = random.Next(2) == 0 ? LotInPath() : $"FZ-{random.Next(3)}" },
                ["body"] = body,
            };
            lines.Append(Encoding.UTF8.GetString(Bend(line).Bytes)).Append('\n');
        }
        return lines.ToString();
    }

    /// <summary>The body, bent one way or another (or left valid), as bytes and a content type.</summary>
    private (byte[] Bytes, string? ContentType) Bend(JsonObject body)
    {
        const string json = "application/json";
        switch (random.Next(12))
        {
            case 0: return (Encoding.UTF8.GetBytes(body.ToJsonString()), json);
            case 1: // truncated
                var text = body.ToJsonString();
                return (Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]), json);
            case 2: // not UTF-8
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                bytes[random.Next(bytes.Length)] = Pick<byte>([0xFF, 0xC3, 0x80, 0xED]);
                return (bytes, json);
            case 3: return (Encoding.UTF8.GetBytes(Pick(["[]", "\"x\"", "42", "null", "", "{}", "{\"a\":1,\"a\":2}"])), json);
            case 4: return (Encoding.UTF8.GetBytes(body.ToJsonString()), Pick<string?>(["text/plain", null, "application/xml", "application/json; charset=latin1"]));
            case 5: // deep nesting
                return (Encoding.UTF8.GetBytes(new string('[', 70) + new string(']', 70)), json);
            case 6: // unknown or dropped field
                var keys = body.Select(p => p.Key).ToList();
                if (random.Next(2) == 0) body.Remove(Pick(keys.ToArray()));
                else body["orginCountry"] = "CN";
                return (Encoding.UTF8.GetBytes(body.ToJsonString()), json);
            default: // one field, possibly nested, given an odd raw value
                return (Encoding.UTF8.GetBytes(WithOddValue(body)), json);
        }
    }

    /// <summary>The body's JSON with one value (top-level or one level down) replaced by a raw odd value.</summary>
    private string WithOddValue(JsonObject body)
    {
        const string marker = "\"__FUZZ__\"";
        JsonObject target = body;
        var nested = body.Where(p => p.Value is JsonObject or JsonArray).ToList();
        if (nested.Count > 0 && random.Next(3) == 0)
        {
            var child = nested[random.Next(nested.Count)].Value;
            if (child is JsonArray { Count: > 0 } array && array[0] is JsonObject first) target = first;
            else if (child is JsonObject inner && inner.Count > 0) target = inner;
        }
        var keys = target.Select(p => p.Key).ToArray();
        target[keys[random.Next(keys.Length)]] = "__FUZZ__";
        return body.ToJsonString().Replace(marker, Pick(OddRawValues));
    }

    private string LotInPath() => Pick([targets.OwnLot.ToString(), targets.WasteLot.ToString(), targets.OthersLot.ToString(),
        Guid.Empty.ToString(), RandomGuid().ToString(), "not-a-guid", "0", new string('9', 400)]);

    private Guid RandomGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private string Time() => new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(9)).AddMinutes(random.Next(100_000)).ToString("O");

    private T Pick<T>(T[] options) => options[random.Next(options.Length)];
}

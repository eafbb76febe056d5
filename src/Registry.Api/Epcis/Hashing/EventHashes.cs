using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Registry.Api.Epcis.Hashing;

/// <summary>
/// The EPCIS Event Hash ID of GS1 CBV 2.0: the SHA-256 of an event's canonical pre-hash string, so that one event
/// captured twice, whatever its field order, identifier syntax (EPC URN or Digital Link), time zone or prefix names,
/// gets one ID. Where CBV 2.0 leaves details open, the pre-hash follows the vectors of its reference implementation
/// (github.com/RalphTro/epcis-event-hash-generator): <c>destinationList</c> before <c>sourceList</c>, a source's or
/// transaction's type before its value, <c>errorDeclaration</c> left out so that a declared error keeps the hash of
/// the event it corrects.
/// </summary>
public static class EventHashes
{
    /// <summary><c>ni:///sha-256;&lt;lowercase hex&gt;?ver=CBV2.0</c></summary>
    public static string Of(JsonObject epcisEvent, JsonNode? context, IEnumerable<string>? ignoredFields = null) =>
        "ni:///sha-256;" +
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreHash(epcisEvent, context, ignoredFields)))) +
        "?ver=CBV2.0";

    /// <summary>The canonical pre-hash string of one event (a JsonObject from the document), given the document's
    /// <c>@context</c> and the fields the document declares irrelevant to hashing (<see cref="IgnoredFields"/>).</summary>
    public static string PreHash(JsonObject epcisEvent, JsonNode? context, IEnumerable<string>? ignoredFields = null)
    {
        var prefixes = Prefixes.Of(context);
        var ignored = NotHashed.Concat(ignoredFields ?? []).Select(prefixes.Key).Append(RegistryHash).ToHashSet();
        return Fields(epcisEvent, EventFields, prefixes, key => ignored.Contains(prefixes.Key(key)));
    }

    /// <summary>The fields a document declares repository- or industry-specific, to be left out of its events' hashes:
    /// the names listed by an <c>ignoreFields</c> property (under any prefix) of the document or of its query results.</summary>
    public static IReadOnlyList<string> IgnoredFields(JsonObject document) =>
        new[] { document, (document["epcisBody"] as JsonObject)?["queryResults"] as JsonObject }
            .OfType<JsonObject>()
            .SelectMany(holder => holder.Where(f => f.Key == "ignoreFields" || f.Key.EndsWith(":ignoreFields", StringComparison.Ordinal)))
            .SelectMany(f => f.Value as JsonArray ?? [])
            .OfType<JsonValue>()
            .Select(name => name.ToString())
            .ToList();

    // Identity and bookkeeping of an event rather than its content: a repository sets them, a comment explains.
    private static readonly string[] NotHashed = ["eventID", "recordTime", "errorDeclaration", "rdfs:comment"];

    // The hash this registry answers an event with (cmr:eventHash, under whatever prefix): an event it exported and
    // another repository captures back keeps the hash it was exported with.
    private const string RegistryHash = "{urn:circular-material-registry:}eventHash";

    private const string Cbv = "https://ref.gs1.org/cbv/";
    private const string Gs1Vocabulary = "https://gs1.org/voc/";

    /// <summary>Writes one field found under <paramref name="key"/> as the pre-hash spells it ("" when it says nothing).</summary>
    private delegate string Field(string key, JsonNode value, Prefixes prefixes);

    /// <summary>The canonical text of one value.</summary>
    private delegate string Value(JsonNode value, Prefixes prefixes);

    private static readonly (string, Field)[] QuantityFields =
        [("epcClass", Pair(Id)), ("quantity", Pair(Literal)), ("uom", Pair(Literal))];

    private static readonly (string, Field)[] LocationFields = [("id", Pair(Id))];

    private static readonly (string, Field)[] PersistentDispositionFields =
        [("set", Pair(Vocabulary(Cbv + "Disp-"))), ("unset", Pair(Vocabulary(Cbv + "Disp-")))];

    private static readonly (string, Field)[] SensorMetadataFields =
    [
        ("time", Pair(Time)), ("startTime", Pair(Time)), ("endTime", Pair(Time)), ("deviceID", Pair(Id)),
        ("deviceMetadata", Pair(Id)), ("rawData", Pair(Id)), ("dataProcessingMethod", Pair(Id)), ("bizRules", Pair(Id)),
    ];

    private static readonly (string, Field)[] SensorReportFields =
    [
        ("type", Pair(Vocabulary(Gs1Vocabulary))), ("exception", Pair(Vocabulary(Gs1Vocabulary))), ("deviceID", Pair(Id)),
        ("deviceMetadata", Pair(Id)), ("rawData", Pair(Id)), ("dataProcessingMethod", Pair(Id)), ("time", Pair(Time)),
        ("microorganism", Pair(Id)), ("chemicalSubstance", Pair(Id)), ("value", Pair(Literal)),
        ("component", Pair(Vocabulary(Cbv + "Comp-"))), ("stringValue", Pair(Literal)), ("booleanValue", Pair(Literal)),
        ("hexBinaryValue", Pair(Literal)), ("uriValue", Pair(Id)), ("minValue", Pair(Literal)), ("maxValue", Pair(Literal)),
        ("meanValue", Pair(Literal)), ("sDev", Pair(Literal)), ("percRank", Pair(Literal)), ("percValue", Pair(Literal)),
        ("uom", Pair(Literal)), ("coordinateReferenceSystem", Pair(Id)),
    ];

    // A sensor element's reports are sorted among themselves like list items, but each is named, the list is not.
    private static readonly (string, Field)[] SensorElementFields =
        [("sensorMetadata", Structure(SensorMetadataFields)), ("sensorReport", Each(SensorReportFields))];

    private static readonly (string, Field)[] EventFields =
    [
        ("type", (_, value, _) => $"eventType={Text(value)}"),
        ("eventTime", Pair(Time)),
        ("eventTimeZoneOffset", Pair(Literal)),
        ("certificationInfo", Pair(Id)),
        ("epcList", List(Epc)),
        ("parentID", Pair(Id)),
        ("inputEPCList", List(Epc)),
        ("childEPCs", List(Epc)),
        ("quantityList", List(Element("quantityElement", QuantityFields))),
        ("childQuantityList", List(Element("quantityElement", QuantityFields))),
        ("inputQuantityList", List(Element("quantityElement", QuantityFields))),
        ("outputEPCList", List(Epc)),
        ("outputQuantityList", List(Element("quantityElement", QuantityFields))),
        ("action", Pair(Literal)),
        ("transformationID", Pair(Id)),
        ("bizStep", Pair(Vocabulary(Cbv + "BizStep-"))),
        ("disposition", Pair(Vocabulary(Cbv + "Disp-"))),
        ("persistentDisposition", Structure(PersistentDispositionFields)),
        ("readPoint", Structure(LocationFields)),
        ("bizLocation", Structure(LocationFields)),
        ("bizTransactionList", List(Typed("bizTransaction", Cbv + "BTT-"))),
        ("destinationList", List(Typed("destination", Cbv + "SDT-"))),
        ("sourceList", List(Typed("source", Cbv + "SDT-"))),
        ("sensorElementList", List(Element("sensorElement", SensorElementFields))),
        ("ilmd", Structure([])),
    ];

    /// <summary>A structure's standard fields in canonical order, then its extension fields (every other key), sorted.</summary>
    private static string Fields(JsonObject structure, (string Key, Field Write)[] order, Prefixes prefixes, Func<string, bool>? ignore = null)
    {
        bool Hashed(string key) => !key.StartsWith('@') && ignore?.Invoke(key) != true;
        var text = new StringBuilder();
        foreach (var (key, write) in order)
            if (structure[key] is { } value && Hashed(key)) text.Append(write(key, value, prefixes));
        return text.Append(Sorted(structure
                .Where(f => Hashed(f.Key) && !Array.Exists(order, known => known.Key == f.Key))
                .SelectMany(f => Extension(f.Key, f.Value, prefixes))))
            .ToString();
    }

    /// <summary>An extension field: <c>{namespace}name=value</c>, or its name followed by its own fields, sorted;
    /// a list repeats the name for each item.</summary>
    private static IEnumerable<string> Extension(string key, JsonNode? value, Prefixes prefixes) => value switch
    {
        JsonArray items => items.SelectMany(item => Extension(key, item, prefixes)),
        JsonObject fields => [prefixes.Key(key) + Fields(fields, [], prefixes)],
        null => [prefixes.Key(key)],
        _ => [$"{prefixes.Key(key)}={WebUris.Canonical(Text(value))}"],
    };

    /// <summary><c>key=value</c>, once for each value of a list.</summary>
    private static Field Pair(Value canonical) => (key, value, prefixes) =>
        Sorted(Items(value).Select(item => $"{key}={canonical(item, prefixes)}"));

    /// <summary>A list: its name once, then its items sorted; nothing when empty.</summary>
    private static Field List(Value item) => (key, value, prefixes) =>
        value is JsonArray { Count: > 0 } items ? key + Sorted(items.OfType<JsonNode>().Select(i => item(i, prefixes))) : "";

    /// <summary>A structure named by its key: <c>readPoint</c> then its fields.</summary>
    private static Field Structure((string, Field)[] fields) => (key, value, prefixes) =>
        value is JsonObject structure ? key + Fields(structure, fields, prefixes) : "";

    /// <summary>One or more structures under one key, each named by it, sorted.</summary>
    private static Field Each((string, Field)[] fields) => (key, value, prefixes) =>
        Sorted(Items(value).Select(item => item is JsonObject structure ? key + Fields(structure, fields, prefixes) : ""));

    /// <summary>A list item that is a structure, named as the XML binding names it (<c>quantityElement</c>).</summary>
    private static Value Element(string name, (string, Field)[] fields) => (value, prefixes) =>
        value is JsonObject structure ? name + Fields(structure, fields, prefixes) : "";

    /// <summary>A source, destination or business transaction: <c>type=...</c> first, then the identifier.</summary>
    private static Value Typed(string name, string vocabulary) => (value, prefixes) =>
        value is not JsonObject item ? ""
        : (item["type"] is { } type ? $"type={Vocabulary(vocabulary)(type, prefixes)}" : "") +
          (item[name] is { } id ? $"{name}={Id(id, prefixes)}" : "");

    private static string Epc(JsonNode value, Prefixes prefixes) => $"epc={Id(value, prefixes)}";

    private static string Literal(JsonNode value, Prefixes _) => Text(value);

    /// <summary>An identifier or URI value: a CURIE expanded, then in its canonical web form.</summary>
    private static string Id(JsonNode value, Prefixes prefixes)
    {
        var text = Text(value);
        return WebUris.Canonical(prefixes.Expand(text) ?? text);
    }

    /// <summary>A CBV or GS1 vocabulary value: a bare word (the JSON binding's form of a standard value) becomes its
    /// web URI; a URI, URN or CURIE is an identifier.</summary>
    private static Value Vocabulary(string webPrefix) => (value, prefixes) =>
        Text(value) is var word && !word.Contains(':') ? webPrefix + word : Id(value, prefixes);

    private static readonly Regex Timestamp = new(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$");

    /// <summary>A timestamp in UTC with milliseconds, rounded half up on the fourth decimal (…03.1415 → …03.142Z).</summary>
    private static string Time(JsonNode value, Prefixes _)
    {
        var text = Text(value);
        if (Timestamp.Match(text) is not { Success: true } parts) return text;
        var offset = parts.Groups[3].Value is "" or "Z" ? "+00:00" : parts.Groups[3].Value;
        var seconds = DateTimeOffset.ParseExact(parts.Groups[1].Value + offset, "yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var fraction = parts.Groups[2].Value.PadRight(4, '0');
        var milliseconds = int.Parse(fraction[..3], CultureInfo.InvariantCulture) + (fraction[3] >= '5' ? 1 : 0);
        return seconds.AddMilliseconds(milliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A value as text, trimmed; a number without trailing zeros (452.0 → 452).</summary>
    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>().Trim(),
        JsonValueKind.Number => Number(value.ToJsonString()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static string Number(string json) =>
        decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? exact.ToString("0.############################", CultureInfo.InvariantCulture)
            : double.Parse(json, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<JsonNode> Items(JsonNode value) => value is JsonArray items ? items.OfType<JsonNode>() : [value];

    // Case-sensitive, by character code, as CBV 2.0 requires for every list and every set of extension fields.
    private static string Sorted(IEnumerable<string> parts) => string.Concat(parts.Order(StringComparer.Ordinal));
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Epcis.Querying;

/// <summary>The JSON-LD documents the query side answers with (GS1 EPCIS 2.0 JSON binding).</summary>
public static class EpcisQueryDocuments
{
    public const string StandardContext = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";
    public const string JsonLd = "application/ld+json";

    /// <summary>
    /// An <c>EPCISQueryDocument</c> of <paramref name="rows"/>: its <c>@context</c> the standard context and the
    /// prefixes the events use, merged; an event whose prefix another event binds to a different IRI carries its own
    /// <c>@context</c> (the first binding is the document's). Stored documents are written as stored, unparsed.
    /// </summary>
    public static void WriteQueryDocument(Utf8JsonWriter json, IReadOnlyList<EpcisEventRow> rows, DateTimeOffset now)
    {
        var merged = new JsonObject();
        var own = new JsonObject?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (JsonNode.Parse(rows[i].Context) is not JsonObject context) continue;
            if (context.Any(p => merged[p.Key] is { } bound && !JsonNode.DeepEquals(bound, p.Value))) own[i] = context;
            else foreach (var (prefix, iri) in context) if (!merged.ContainsKey(prefix)) merged[prefix] = iri?.DeepClone();
        }

        json.WriteStartObject();
        WriteContext(json, merged);
        json.WriteString("type", "EPCISQueryDocument");
        json.WriteString("schemaVersion", "2.0");
        json.WriteString("creationDate", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        json.WriteStartObject("epcisBody");
        json.WriteStartObject("queryResults");
        json.WriteString("queryName", "SimpleEventQuery");
        json.WriteStartObject("resultsBody");
        json.WriteStartArray("eventList");
        for (var i = 0; i < rows.Count; i++)
        {
            if (own[i] is { } context) WithContext(rows[i].Document, context).WriteTo(json);
            else json.WriteRawValue(rows[i].Document, skipInputValidation: true);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>One event on its own: its document with the standard context and its prefixes first.</summary>
    public static JsonObject Event(EpcisEventRow row)
    {
        var context = JsonNode.Parse(row.Context) as JsonObject ?? [];
        return WithContext(row.Document, context.Count == 0 ? JsonValue.Create(StandardContext) : new JsonArray(StandardContext, context));
    }

    /// <summary>A GS1 top-level resource: <c>{"@context", "type": "Collection", "member": [...]}</c>.</summary>
    public static JsonObject Collection(IEnumerable<string> members) => new()
    {
        ["@context"] = StandardContext,
        ["type"] = "Collection",
        ["member"] = new JsonArray([.. members.Select(m => (JsonNode)JsonValue.Create(m))]),
    };

    private static void WriteContext(Utf8JsonWriter json, JsonObject prefixes)
    {
        json.WritePropertyName("@context");
        json.WriteStartArray();
        json.WriteStringValue(StandardContext);
        if (prefixes.Count > 0) prefixes.WriteTo(json);
        json.WriteEndArray();
    }

    private static JsonObject WithContext(string document, JsonNode context)
    {
        var stored = JsonNode.Parse(document)!.AsObject();
        var answer = new JsonObject { ["@context"] = context };
        foreach (var (key, value) in stored.ToList())
        {
            if (key == "@context") continue;
            stored.Remove(key);
            answer[key] = value;
        }
        return answer;
    }
}

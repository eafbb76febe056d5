using System.Text.Json.Nodes;

namespace Registry.Datasets;

/// <summary>EPCIS documents as a partner's client sends them, for the tests and the benchmark.</summary>
public static class EpcisDocuments
{
    public const string Context = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

    /// <summary>An EPCISDocument of these events, with the registry's namespace declared as <c>cmr</c>.</summary>
    public static string Of(IEnumerable<JsonObject> events) => new JsonObject
    {
        ["@context"] = new JsonArray(Context, new JsonObject { ["cmr"] = "urn:circular-material-registry:" }),
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = "2026-12-01T00:00:00Z",
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()) },
    }.ToJsonString();
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Registry.Api.Epcis.Storing;

/// <summary>What the query parameters of epcis.md match in an event, read from its JSON-LD.</summary>
public sealed record EpcisEventFields(
    string? EventId, string EventType, DateTimeOffset EventTime, DateTimeOffset RecordTime, string? Action, string? BizStep,
    string? Disposition, string? ReadPoint, string? BizLocation, string? TransformationId, string[] Epcs,
    string[] EpcClasses, string[] InputClasses, string[] OutputClasses, decimal[] Quantities)
{
    private static readonly string[] EpcLists = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"];
    private static readonly string[] QuantityLists = ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"];

    /// <summary>The fields of a valid event (checked against the schema before); <c>recordTime</c> must be set.</summary>
    public static EpcisEventFields Of(JsonObject e)
    {
        var epcs = EpcLists.SelectMany(list => Strings(e[list]))
            .Concat(Text(e["parentID"]) is { } parent ? [parent] : [])
            .SelectMany(Spellings).Distinct().ToArray();
        return new(
            Text(e["eventID"]), Text(e["type"])!, Time(e["eventTime"])!.Value, Time(e["recordTime"])!.Value, Text(e["action"]),
            Text(e["bizStep"]), Text(e["disposition"]), Text((e["readPoint"] as JsonObject)?["id"]),
            Text((e["bizLocation"] as JsonObject)?["id"]), Text(e["transformationID"]), epcs,
            Classes(e, QuantityLists), Classes(e, ["inputQuantityList"]), Classes(e, ["outputQuantityList"]),
            QuantityLists.SelectMany(list => Entries(e, list)).Select(q => q["quantity"])
                .OfType<JsonValue>().Select(Decimal).OfType<decimal>().ToArray());
    }

    /// <summary>The classes of the named quantity lists, LGTINs in both spellings (as written and canonical).</summary>
    private static string[] Classes(JsonObject e, string[] lists) =>
        lists.SelectMany(list => Entries(e, list)).Select(q => Text(q["epcClass"])).OfType<string>()
            .SelectMany(Spellings).Distinct().ToArray();

    /// <summary>An identifier as written and, for a lot class, in the canonical Digital Link the lots keep.</summary>
    public static IEnumerable<string> Spellings(string id) =>
        LotClasses.Canonical(id) is { } canonical && canonical != id ? [id, canonical] : [id];

    private static IEnumerable<JsonObject> Entries(JsonObject e, string list) => (e[list] as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<string> Strings(JsonNode? list) => (list as JsonArray ?? []).Select(Text).OfType<string>();

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time : null;

    private static decimal? Decimal(JsonValue value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}

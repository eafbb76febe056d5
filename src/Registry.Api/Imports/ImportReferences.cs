using System.Text.Json.Nodes;

namespace Registry.Api.Imports;

/// <summary>What a line names before it is decided, so a batch can load it all in a few queries.</summary>
public static class ImportReferences
{
    /// <summary>
    /// The lots a line acts on or consumes, and the lot numbers it would take (registrations and outputs, checked
    /// for being taken already).
    /// </summary>
    public static IEnumerable<LotReference> LotsOf(ImportLine line)
    {
        if (line.Lot is { } lot) yield return lot;
        if (line.Body["lotNumber"] is JsonValue number && number.TryGetValue<string>(out var lotNumber))
            yield return new(null, lotNumber, null);
        foreach (var input in Lines(line.Body, line.Operation?.InputLinesField))
        {
            if (input["lot"] is JsonObject reference) yield return Reference(reference);
            if (input["lotId"] is JsonValue id && id.TryGetValue<string>(out var text) && Guid.TryParse(text, out var lotId))
                yield return new(lotId, null, null);
        }
        foreach (var output in Lines(line.Body, "outputs"))
            if (output["lotNumber"] is JsonValue value && value.TryGetValue<string>(out var outputNumber))
                yield return new(null, outputNumber, null);
    }

    public static string? ReceiverOf(ImportLine line) =>
        line.Body["toOrganization"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    /// <summary>An input's <c>lot</c> reference, as written; null fields where the shape is wrong.</summary>
    public static LotReference Reference(JsonObject reference) => new(
        reference["id"] is JsonValue id && id.TryGetValue<string>(out var text) && Guid.TryParse(text, out var lotId) ? lotId : null,
        reference["lotNumber"] is JsonValue number && number.TryGetValue<string>(out var lotNumber) ? lotNumber : null,
        reference["organization"] is JsonValue organization && organization.TryGetValue<string>(out var name) ? name : null);

    private static IEnumerable<JsonObject> Lines(JsonObject body, string? name) =>
        name is not null && body[name] is JsonArray lines ? lines.OfType<JsonObject>() : [];
}

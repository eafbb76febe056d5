using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Registry.Api.Epcis.Validating;

/// <summary>One reason a document is refused: the event (its index in the event list, when the failure is in one)
/// and the JSON pointer of the failing value.</summary>
public sealed record EpcisError(int? Event, string Pointer, string Message);

/// <summary>
/// What a captured EPCIS document must satisfy: GS1's EPCIS 2.0 JSON Schema (draft-07), with its <c>format</c>
/// keywords enforced, as a conforming repository must. Enforced, the schema's own alternatives say what epcis.md
/// asks: a standard CBV value is one of CBV's bare words, anything else a URI (so <c>transforming</c> is refused);
/// extension and ILMD keys are URIs, i.e. carry a declared prefix; times are RFC 3339 with their offset; quantities
/// are numbers.
/// </summary>
public sealed partial class EpcisDocumentRules(JsonSchema schema)
{
    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
    };

    // Valid or not, without saying where: most documents are valid, and a flag costs a fraction of the details.
    private static readonly EvaluationOptions Verdict = new()
    {
        OutputFormat = OutputFormat.Flag,
        RequireFormatValidation = true,
    };

    /// <summary>The rules with GS1's schema read from <paramref name="path"/> (the registry does not ship GS1's file),
    /// corrected where the 2023 copy lags EPCIS 2.0 and CBV 2.0 as OpenEPCIS applies them.</summary>
    public static EpcisDocumentRules FromSchemaFile(string path)
    {
        var schema = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var definitions = schema["definitions"]!.AsObject();
        // EPCIS 2.0 gives every event type a persistentDisposition; the copy names it for two of five.
        foreach (var eventType in new[] { "AggregationEvent", "TransactionEvent", "AssociationEvent" })
            AddTo(definitions[eventType]!["allOf"]![1]!["propertyNames"]!["anyOf"]![1]!["enum"]!, "persistentDisposition");
        // A GS1 Web Vocabulary measurement type the copy's list lacks.
        AddTo(definitions["measurementType"]!["anyOf"]![1]!["enum"]!, "EffectiveDoseRate");
        // A registry of its own: GS1's schema keeps its $id, which a second load into the global registry would overwrite.
        return new(JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
    }

    private static void AddTo(JsonNode list, string value)
    {
        if (!list.AsArray().Any(v => v!.GetValue<string>() == value)) list.AsArray().Add(value);
    }

    /// <summary>Every failure, one per failing value (the first reason given for it); none when the document is valid.</summary>
    public IReadOnlyList<EpcisError> Check(JsonElement document)
    {
        if (schema.Evaluate(document, Verdict).IsValid) return [];
        var results = schema.Evaluate(document, Evaluation);
        return Failures(results)
            .GroupBy(f => f.Pointer)
            .Select(g => new EpcisError(EventOf(g.Key), g.Key.Length == 0 ? "/" : g.Key, g.First().Message))
            .OrderBy(e => e.Event ?? -1).ThenBy(e => e.Pointer, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// One event of a streamed document, checked as the document holding only it (the header's own errors carry no
    /// event); its errors are named with its index in the whole document.
    /// </summary>
    public IReadOnlyList<EpcisError> CheckEvent(JsonObject header, JsonObject epcisEvent, int index)
    {
        var alone = header.DeepClone().AsObject();
        var body = alone["epcisBody"] as JsonObject ?? [];
        alone["epcisBody"] = body;
        body["eventList"] = new JsonArray(epcisEvent.DeepClone());
        return Check(JsonSerializer.SerializeToElement(alone))
            .Select(e => e.Event is null ? e : e with
            {
                Event = index, Pointer = EventPointer().Replace(e.Pointer, m => m.Value[..^m.Groups[1].Length] + index, 1),
            })
            .ToList();
    }

    /// <summary>The errors of the failing nodes, walking only into failing nodes: the failed alternatives of an
    /// <c>anyOf</c> that another alternative satisfied are no failure of the document.</summary>
    private static IEnumerable<(string Pointer, string Message)> Failures(EvaluationResults node)
    {
        if (node.IsValid) yield break;
        foreach (var message in node.Errors?.Values ?? Enumerable.Empty<string>()) yield return (node.InstanceLocation.ToString(), message);
        foreach (var failure in (node.Details ?? []).SelectMany(Failures)) yield return failure;
    }

    /// <summary>The event a pointer falls in: <c>/epcisBody/eventList/3/…</c> → 3.</summary>
    private static int? EventOf(string pointer) =>
        EventPointer().Match(pointer) is { Success: true } match ? int.Parse(match.Groups[1].Value) : null;

    [GeneratedRegex(@"^/epcisBody/(?:eventList|event)/(\d+)")]
    private static partial Regex EventPointer();
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Registry.Api.Epcis.Hashing;

namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// Reading a captured event as the mass-flow mapping needs it: CBV words however spelt (bare, GS1 Web URI, URN), mass
/// quantities of lot classes in kilograms, the registry's own <c>cmr</c> fields under whatever prefix the document
/// gave the namespace, and owning parties' GLNs.
/// </summary>
internal sealed partial class EventVocabulary(JsonObject e, Prefixes prefixes)
{
    public const string Namespace = "urn:circular-material-registry:";
    private const string MasterData = "urn:epcglobal:cbv:mda:";

    /// <summary>The registry fields an event or ILMD may carry (the first line read by the mapping, the rest written by
    /// the export and carried as they are); any other <c>cmr:</c> key is an error, as an unknown field is on the routes.</summary>
    public static readonly IReadOnlySet<string> RegistryFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "category", "material", "composition", "provenance", "productType", "units", "process", "wasteKind", "route", "country", "outputs",
        "eventHash", "lot", "lotVersion", "partLot", "site", "fromCountry", "toCountry", "registryEvent", "previousRemainingKg", "reason",
    };

    private static readonly Dictionary<string, decimal> KilogramsPer = new()
    {
        ["KGM"] = 1m, ["GRM"] = 0.001m, ["TNE"] = 1000m, ["LBR"] = 0.45359237m,
    };

    public JsonObject Event => e;
    public string Type => Text(e["type"]) ?? "";
    public string? Action => Text(e["action"]);
    public string? BizStep => Word(Text(e["bizStep"]), "BizStep", "bizstep");
    public string? Disposition => Word(Text(e["disposition"]), "Disp", "disp");
    public DateTimeOffset EventTime =>
        DateTimeOffset.Parse(Text(e["eventTime"])!, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>An ObjectEvent that brings new instances of its classes into being: the mapping's RegisterLot.</summary>
    public bool IsCommissioning => Type == "ObjectEvent" && Action == "ADD" && BizStep is "commissioning" or "creating_class_instance";

    /// <summary>True when the custom business step is the registry's placing on the market.</summary>
    public bool IsPlacingOnMarket => Text(e["bizStep"]) is { } step && (prefixes.Expand(step) ?? step) == Namespace + "placing_on_market";

    /// <summary>The lot classes of a quantity list measured in mass, in kg (a class listed twice is summed); classes as
    /// the lots keep them (canonical Digital Link).</summary>
    public IReadOnlyList<(string Class, decimal Kg)> Masses(string list) =>
        (e[list] as JsonArray ?? []).OfType<JsonObject>()
            .Select(q => (Class: LotClasses.Canonical(Text(q["epcClass"])), Kg: Kilograms(q)))
            .Where(q => q.Class is not null && q.Kg is not null)
            .GroupBy(q => q.Class!)
            .Select(g => (g.Key, g.Aggregate(0m, (sum, q) => Saturated(() => sum + q.Kg!.Value))))
            .ToList();

    /// <summary>Every lot class the event names in any quantity list, whatever its unit.</summary>
    public IEnumerable<string> Classes() =>
        new[] { "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList" }
            .SelectMany(list => (e[list] as JsonArray ?? []).OfType<JsonObject>())
            .Select(q => LotClasses.Canonical(Text(q["epcClass"]))).OfType<string>().Distinct();

    private static decimal? Kilograms(JsonObject quantity) =>
        Text(quantity["uom"]) is { } uom && KilogramsPer.TryGetValue(uom, out var factor) &&
        quantity["quantity"] is JsonValue value &&
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            ? Saturated(() => amount * factor)
            : null;

    /// <summary>Past decimal's range, its largest value: a mass no validator admits, so the operation refuses it (400)
    /// rather than the arithmetic throwing.</summary>
    private static decimal Saturated(Func<decimal> mass)
    {
        try
        {
            return mass();
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
    }

    /// <summary>The <c>cmr</c> fields of an object (the event itself, its ILMD, an output description), by local name;
    /// one named twice under two prefixes counts once here and is refused by <see cref="RepeatedRegistryField"/>.</summary>
    public Dictionary<string, JsonNode?> RegistryFieldsOf(JsonObject? holder)
    {
        var fields = new Dictionary<string, JsonNode?>();
        foreach (var local in RegistryKeys(holder)) fields.TryAdd(local.Name, local.Value);
        return fields;
    }

    /// <summary>A registry field the object names twice (<c>cmr:category</c> and <c>reg:category</c> of one namespace).</summary>
    public string? RepeatedRegistryField(JsonObject? holder) =>
        RegistryKeys(holder).GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1)?.Key;

    private IEnumerable<(string Name, JsonNode? Value)> RegistryKeys(JsonObject? holder) =>
        (holder ?? []).Select(f => (Key: prefixes.Key(f.Key), f.Value))
            .Where(f => f.Key.StartsWith("{" + Namespace + "}", StringComparison.Ordinal))
            .Select(f => (f.Key[(Namespace.Length + 2)..], f.Value));

    /// <summary>The origin country master-data attribute of an ILMD.</summary>
    public string? CountryOfOrigin(JsonObject? ilmd) =>
        (ilmd ?? []).Where(f => prefixes.Key(f.Key) == "{" + MasterData + "}countryOfOrigin").Select(f => Text(f.Value)).FirstOrDefault();

    /// <summary>The GLNs of the owning parties in a source or destination list.</summary>
    public IEnumerable<string> OwningParties(string list) =>
        (e[list] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => Word(Text(s["type"]), "SDT", "sdt") == "owning_party")
            .Select(s => Text(s[list == "destinationList" ? "destination" : "source"]))
            .OfType<string>()
            .Select(id => PartyGln().Match(WebUris.Canonical(id)))
            .Where(m => m.Success).Select(m => m.Groups[1].Value);

    /// <summary>A CBV word as its bare name: <c>https://ref.gs1.org/cbv/BizStep-shipping</c> and
    /// <c>urn:epcglobal:cbv:bizstep:shipping</c> are <c>shipping</c>; custom URIs stay as written.</summary>
    public static string? Word(string? value, string webPrefix, string urnPrefix) =>
        value is null ? null
        : value.StartsWith($"https://ref.gs1.org/cbv/{webPrefix}-", StringComparison.Ordinal) ? value[($"https://ref.gs1.org/cbv/{webPrefix}-".Length)..]
        : value.StartsWith($"urn:epcglobal:cbv:{urnPrefix}:", StringComparison.Ordinal) ? value[($"urn:epcglobal:cbv:{urnPrefix}:".Length)..]
        : value;

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex(@"^https://id\.gs1\.org/417/(\d{13})$")]
    private static partial Regex PartyGln();
}

namespace Registry.Api.Epcis.Querying;

/// <summary>
/// The standard CBV 2.0 vocabularies the query side names: event types, business steps and dispositions, and the
/// spellings under which a standard value may have been captured (the bare word the JSON binding uses, its web URI on
/// ref.gs1.org, its CURIE on the standard context's <c>cbv</c> prefix, its EPCIS 1.x URN).
/// </summary>
public static class CbvValues
{
    public static readonly string[] EventTypes =
        ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];

    public static readonly string[] BizSteps =
    [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance",
        "cycle_counting", "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding",
        "entering_exiting", "holding", "inspecting", "installing", "killing", "loading", "other", "packing", "picking",
        "receiving", "removing", "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing", "transporting",
        "unloading", "unpacking", "void_shipping",
    ];

    public static readonly string[] Dispositions =
    [
        "active", "available", "completeness_inferred", "completeness_verified", "conformant", "container_closed",
        "container_open", "damaged", "destroyed", "dispensed", "disposed", "encoded", "expired", "in_progress",
        "in_transit", "inactive", "mismatch_class", "mismatch_instance", "mismatch_quantity", "needs_replacement",
        "no_pedigree_match", "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
        "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen", "unavailable", "unknown",
    ];

    public static readonly Vocabulary BizStep = new("BizStep", "bizstep", BizSteps);
    public static readonly Vocabulary Disposition = new("Disp", "disp", Dispositions);

    /// <param name="webName">The vocabulary's name in CBV web URIs (<c>https://ref.gs1.org/cbv/BizStep-shipping</c>).</param>
    /// <param name="urnName">Its name in CBV URNs (<c>urn:epcglobal:cbv:bizstep:shipping</c>).</param>
    public sealed class Vocabulary(string webName, string urnName, string[] words)
    {
        private readonly HashSet<string> standard = new(words, StringComparer.Ordinal);
        private readonly string[] prefixes =
        [
            $"https://ref.gs1.org/cbv/{webName}-", $"http://ref.gs1.org/cbv/{webName}-", $"https://ns.gs1.org/cbv/{webName}-",
            $"cbv:{webName}-", $"urn:epcglobal:cbv:{urnName}:",
        ];

        /// <summary>Every spelling a value may be stored under: for a standard value however written, the bare word
        /// and its URIs; for a custom value (a URI of the capturer's own), itself.</summary>
        public IEnumerable<string> Spellings(string value)
        {
            var word = Word(value);
            return word is null ? [value] : [word, .. prefixes.Select(prefix => prefix + word)];
        }

        /// <summary>The bare CBV word a value stands for, or null when it is none.</summary>
        public string? Word(string value)
        {
            if (standard.Contains(value)) return value;
            foreach (var prefix in prefixes)
                if (value.StartsWith(prefix, StringComparison.Ordinal) && standard.Contains(value[prefix.Length..]))
                    return value[prefix.Length..];
            return null;
        }
    }
}

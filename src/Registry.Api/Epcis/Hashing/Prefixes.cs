using System.Text.Json.Nodes;

namespace Registry.Api.Epcis.Hashing;

/// <summary>
/// The CURIE prefixes in force for a document: those of the standard EPCIS 2.0 context, which documents use
/// without declaring them, and those the document's own <c>@context</c> declares (the later declaration wins).
/// </summary>
internal sealed class Prefixes
{
    // The prefixes of https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld that events name keys or values with.
    private static readonly Dictionary<string, string> Standard = new()
    {
        ["epcis"] = "https://ref.gs1.org/epcis/",
        ["cbv"] = "https://ref.gs1.org/cbv/",
        ["cbvmda"] = "urn:epcglobal:cbv:mda:",
        ["gs1"] = "https://gs1.org/voc/",
        ["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["dcterms"] = "http://purl.org/dc/terms/",
    };

    private readonly Dictionary<string, string> _namespaces;

    private Prefixes(Dictionary<string, string> namespaces) => _namespaces = namespaces;

    /// <summary>The prefixes of a <c>@context</c>: a remote context's URL (only the standard one is known), a
    /// map of terms (a term's IRI as a string or as <c>{"@id": ...}</c>), or a list of these.</summary>
    public static Prefixes Of(JsonNode? context)
    {
        var namespaces = new Dictionary<string, string>(Standard);
        foreach (var map in Maps(context))
            foreach (var (term, definition) in map)
                if (!term.StartsWith('@') && (definition is JsonObject d ? d["@id"] : definition) is JsonValue iri &&
                    iri.TryGetValue(out string? text))
                    namespaces[term] = text;
        return new(namespaces);
    }

    private static IEnumerable<JsonObject> Maps(JsonNode? context) => context switch
    {
        JsonObject map => [map],
        JsonArray list => list.SelectMany(Maps),
        _ => [],
    };

    /// <summary>The IRI a CURIE stands for (<c>gs1:Angle</c> → <c>https://gs1.org/voc/Angle</c>); null when the text
    /// is no CURIE of a declared prefix (a URN, a URL, a bare word).</summary>
    public string? Expand(string curie)
    {
        var colon = curie.IndexOf(':');
        return colon > 0 && !curie.AsSpan(colon + 1).StartsWith("//") &&
               _namespaces.TryGetValue(curie[..colon], out var ns)
            ? ns + curie[(colon + 1)..]
            : null;
    }

    /// <summary>A key as the pre-hash names extension fields, <c>{namespace}localName</c>, whatever prefix the
    /// document chose for the namespace; a key that names no namespace stays as written.</summary>
    public string Key(string key)
    {
        var colon = key.IndexOf(':');
        if (colon > 0 && _namespaces.TryGetValue(key[..colon], out var ns)) return $"{{{ns}}}{key[(colon + 1)..]}";
        var local = key.LastIndexOfAny(['/', '#']) + 1; // a key written as a full IRI
        return colon > 0 && local > colon ? $"{{{key[..local]}}}{key[local..]}" : key;
    }
}

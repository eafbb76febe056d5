using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Registry.Api.Infrastructure;

namespace Registry.Api.Passports;

/// <summary>
/// A passport as JSON-LD (<c>application/ld+json</c>): the <see cref="Passport"/> record as it serializes, under an
/// inline <c>@context</c> whose <c>@vocab</c> is the registry's own passport vocabulary
/// (<c>{registry}/passports/vocab#</c>), with schema.org terms where they mean the same; <c>@id</c> is the passport's
/// URL, <c>@type</c> its kind. Nothing is fetched to build or read it beyond the vocabulary's IRIs.
/// </summary>
public static class PassportJsonLd
{
    public const string ContentType = "application/ld+json";
    public const string VocabularyPath = "/passports/vocab#";

    private static readonly JsonSerializerOptions Json = new(ApiJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Served as JSON-LD, never inside HTML: "+" in a time offset stays "+".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The passport read at <paramref name="registry"/> (scheme, host and path base, no trailing slash).</summary>
    public static string Text(Passport passport, string registry) => Document(passport, registry).ToJsonString(Json);

    private static JsonObject Document(Passport passport, string registry)
    {
        var body = JsonSerializer.SerializeToNode(passport, Json)!.AsObject();
        // The public tier stands alone: no restricted member at all, not even a null one.
        if (passport.Restricted is null) body.Remove("restricted");
        var document = new JsonObject
        {
            ["@context"] = Context(registry),
            ["@id"] = registry + PassportIds.Path(passport.LotId),
            ["@type"] = passport.Kind.ToString(),
        };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            document[name] = value;
        }
        return document;
    }

    private static JsonObject Context(string registry) => new()
    {
        ["@vocab"] = registry + VocabularyPath,
        // Custody links are relative to the passport's registry.
        ["@base"] = registry + "/",
        ["schema"] = "https://schema.org/",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["passportId"] = new JsonObject { ["@id"] = "schema:identifier", ["@type"] = "@id" },
        ["gs1Identity"] = new JsonObject { ["@id"] = "schema:sameAs", ["@type"] = "@id" },
        ["manufacturer"] = "schema:manufacturer",
        ["manufacturingDate"] = new JsonObject { ["@id"] = "schema:productionDate", ["@type"] = "xsd:dateTime" },
        ["eventTime"] = new JsonObject { ["@type"] = "xsd:dateTime" },
        ["href"] = new JsonObject { ["@id"] = "schema:url", ["@type"] = "@id" },
        ["massKg"] = new JsonObject { ["@type"] = "xsd:decimal" },
    };
}

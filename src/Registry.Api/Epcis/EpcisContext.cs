namespace Registry.Api.Epcis;

/// <summary>The JSON-LD context every EPCIS 2.0 document starts from.</summary>
public static class EpcisContext
{
    public const string Standard = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";
}

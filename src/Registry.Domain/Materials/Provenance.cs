namespace Registry.Domain.Materials;

/// <summary>
/// Per component ("*" or an element symbol), shares over sources: a country code, "recycled:pre",
/// "recycled:post" or "bio" (domain.md, "Provenance").
/// </summary>
public static class Provenance
{
    public const string RecycledPre = "recycled:pre";
    public const string RecycledPost = "recycled:post";
    public const string Bio = "bio";

    /// <summary>Declared shares are accepted when they sum to 1 within this tolerance (six decimals).</summary>
    public const decimal SumTolerance = 0.000001m;

    public static bool IsSource(string? source) =>
        source is RecycledPre or RecycledPost or Bio || Countries.IsKnown(source);

    /// <summary>A component's sources: its own distribution, else the lot's "*" one.</summary>
    public static IReadOnlyDictionary<string, decimal> SourcesOf(
        IReadOnlyDictionary<string, Dictionary<string, decimal>> provenance, string component) =>
        provenance.GetValueOrDefault(component) ?? provenance[Elements.Bulk];

    /// <summary>A lot that declares nothing is entirely from its origin country.</summary>
    public static Dictionary<string, Dictionary<string, decimal>> FromOrigin(string originCountry) =>
        new() { [Elements.Bulk] = new() { [originCountry] = 1m } };
}

using System.Text.RegularExpressions;
using Registry.Api.Epcis.Hashing;
using Registry.Domain.Identifiers;

namespace Registry.Api.Epcis;

/// <summary>
/// A lot's GS1 identity, its <c>epcClass</c>: a GTIN with a batch/lot number, written as an LGTIN URN
/// (<c>urn:epc:class:lgtin:4012345.012345.998877</c>) or a GS1 Digital Link on any domain
/// (<c>https://example.com/01/04012345123456/10/998877</c>). Kept in one spelling, the canonical Digital Link on
/// id.gs1.org, so that EPCIS events name the lot however they write it.
/// </summary>
public static partial class LotClasses
{
    /// <summary>The canonical Digital Link of <paramref name="epcClass"/>, or null when it is no GTIN with a lot.</summary>
    public static string? Canonical(string? epcClass)
    {
        if (epcClass is null || epcClass.Length > MaxLength) return null;
        var canonical = WebUris.Canonical(epcClass);
        return GtinWithLot().Match(canonical) is { Success: true } match && Gs1CheckDigit.IsValid(match.Groups[1].Value, 14)
            ? canonical
            : null;
    }

    public const int MaxLength = 300;

    [GeneratedRegex(@"^https://id\.gs1\.org/01/(\d{14})/10/[^/?#]{1,80}$")]
    private static partial Regex GtinWithLot();
}

using System.Text;
using System.Text.RegularExpressions;

using Registry.Domain.Identifiers;

namespace Registry.Api.Epcis.Hashing;

/// <summary>
/// The one web URI the pre-hash writes for an identifier however it was captured (CBV 2.0 Event Hash ID): EPC URNs
/// (<c>urn:epc:id</c>, <c>urn:epc:class</c>, <c>urn:epc:idpat</c>) and GS1 Digital Link URIs of any domain become
/// constrained canonical Digital Link URIs on <c>https://id.gs1.org</c>, and CBV URNs (<c>urn:epcglobal:cbv:bizstep:x</c>)
/// become CBV web URIs. Anything else is returned as given.
/// </summary>
public static class WebUris
{
    private const string GS1 = "https://id.gs1.org";

    public static string Canonical(string uri) =>
        (uri.StartsWith("urn:epc:", StringComparison.Ordinal) ? FromEpcUrn(uri)
            : uri.StartsWith("urn:epcglobal:cbv:", StringComparison.Ordinal) ? FromCbvUrn(uri)
            : uri.StartsWith("http://", StringComparison.Ordinal) || uri.StartsWith("https://", StringComparison.Ordinal) ? FromDigitalLink(uri)
            : null) ?? uri;

    // CBV vocabularies whose URNs have web URIs; others (bt: business transaction ids, mda: master data) are identifiers.
    private static readonly Dictionary<string, string> CbvVocabularies = new()
    {
        ["bizstep"] = "BizStep", ["disp"] = "Disp", ["btt"] = "BTT", ["sdt"] = "SDT", ["er"] = "ER",
    };

    private static string? FromCbvUrn(string urn)
    {
        var parts = urn.Split(':', 5);
        return parts.Length == 5 && CbvVocabularies.TryGetValue(parts[3], out var vocabulary)
            ? $"https://ref.gs1.org/cbv/{vocabulary}-{parts[4]}"
            : null;
    }

    private static string? FromEpcUrn(string urn)
    {
        var parts = urn.Split(':');
        if (parts.Length != 5) return null;
        var fields = parts[4].Split('.').Select(Uri.UnescapeDataString).ToArray();
        (string Ai, string? Value)[]? keys = parts[2] switch
        {
            "id" => Keys(parts[3], fields),
            "class" when parts[3] == "lgtin" && fields.Length == 3 => [("01", Gtin(fields[0], fields[1])), ("10", fields[2])],
            // A pattern whose last field alone is a wildcard names the class: the key without its serial part.
            "idpat" when fields[^1] == "*" && fields[..^1].All(f => f != "*") =>
                Keys(parts[3], [.. fields[..^1], ""])?.Where(k => k.Value != "").ToArray(),
            _ => null,
        };
        return keys is null || keys.Any(k => k.Value is null) ? null : DigitalLink(keys);
    }

    // EPC URI fields to GS1 element strings (GS1 Tag Data Standard): the company prefix joins the reference that follows
    // it, the check digit is computed, the indicator or extension digit leads.
    private static (string Ai, string? Value)[]? Keys(string scheme, string[] f) => (scheme, f.Length) switch
    {
        ("sgtin", 3) => [("01", Gtin(f[0], f[1])), ("21", f[2])],
        ("sscc", 2) when f[1].Length > 0 => [("00", WithCheckDigit(f[1][..1] + f[0] + f[1][1..]))],
        ("sgln", 3) when f[2] is "0" or "" => [("414", WithCheckDigit(f[0] + f[1]))],
        ("sgln", 3) => [("414", WithCheckDigit(f[0] + f[1])), ("254", f[2])],
        ("grai", 3) => [("8003", "0" + WithCheckDigit(f[0] + f[1]) + f[2])],
        ("giai", 2) => [("8004", f[0] + f[1])],
        ("gsrn", 2) => [("8018", WithCheckDigit(f[0] + f[1]))],
        ("gsrnp", 2) => [("8017", WithCheckDigit(f[0] + f[1]))],
        ("gdti", 3) => [("253", WithCheckDigit(f[0] + f[1]) + f[2])],
        ("sgcn", 3) => [("255", WithCheckDigit(f[0] + f[1]) + f[2])],
        ("cpi", 3) => [("8010", f[0] + f[1]), ("8011", f[2])],
        ("ginc", 2) => [("401", f[0] + f[1])],
        ("gsin", 2) => [("402", WithCheckDigit(f[0] + f[1]))],
        ("itip", 5) => [("8006", Gtin(f[0], f[1]) + f[2] + f[3]), ("21", f[4])],
        ("upui", 3) => [("01", Gtin(f[0], f[1])), ("235", f[2])],
        ("pgln", 2) => [("417", WithCheckDigit(f[0] + f[1]))],
        _ => null,
    };

    private static string? Gtin(string companyPrefix, string indicatorAndItem) =>
        indicatorAndItem.Length == 0 ? null : WithCheckDigit(indicatorAndItem[..1] + companyPrefix + indicatorAndItem[1..]);

    /// <summary>The digits followed by their GS1 check digit; null when the text is not all digits.</summary>
    private static string? WithCheckDigit(string digits) =>
        digits.Length == 0 || !digits.All(char.IsAsciiDigit) ? null : digits + Gs1CheckDigit.Of(digits);

    // Primary keys a canonical Digital Link may carry, with the syntax of their values (GS1 General Specifications) so
    // that an ordinary URL whose path happens to hold such a number is not taken for one, and the qualifiers kept:
    // only the finest level of identification, most specific first.
    private static readonly Dictionary<string, (Regex Value, string[] Qualifiers)> PrimaryKeys = new()
    {
        ["00"] = (Syntax(@"\d{18}"), []),
        ["01"] = (Syntax(@"\d{8}|\d{12,14}"), ["21", "235", "10"]),
        ["253"] = (Syntax(@"\d{13}.{0,17}"), []),
        ["255"] = (Syntax(@"\d{13,25}"), []),
        ["401"] = (Syntax(".{1,30}"), []),
        ["402"] = (Syntax(@"\d{17}"), []),
        ["414"] = (Syntax(@"\d{13}"), ["254"]),
        ["417"] = (Syntax(@"\d{13}"), []),
        ["8003"] = (Syntax(@"\d{14}.{0,16}"), []),
        ["8004"] = (Syntax(".{1,30}"), []),
        ["8006"] = (Syntax(@"\d{18}"), ["21", "10"]),
        ["8010"] = (Syntax(".{1,30}"), ["8011"]),
        ["8017"] = (Syntax(@"\d{18}"), []),
        ["8018"] = (Syntax(@"\d{18}"), []),
    };

    private static Regex Syntax(string pattern) => new($"^(?:{pattern})$", RegexOptions.Singleline);

    // The short names GS1 Digital Link allows in place of the numeric application identifiers.
    private static readonly Dictionary<string, string> ShortNames = new()
    {
        ["sscc"] = "00", ["gtin"] = "01", ["lot"] = "10", ["ser"] = "21", ["cpv"] = "22", ["tpx"] = "235",
        ["gdti"] = "253", ["glnx"] = "254", ["gcn"] = "255", ["ginc"] = "401", ["gsin"] = "402", ["gln"] = "414",
        ["party"] = "417", ["grai"] = "8003", ["giai"] = "8004", ["itip"] = "8006", ["cpid"] = "8010",
        ["cpsn"] = "8011", ["gsrnp"] = "8017", ["gsrn"] = "8018",
    };

    private static readonly Regex NumericAi = new(@"^\d{2,4}$");

    private static string? FromDigitalLink(string uri)
    {
        var start = uri.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = uri.IndexOfAny(['?', '#'], start);
        var path = uri[start..(end < 0 ? uri.Length : end)].Split('/')[1..]; // without the domain
        string Ai(string segment) => ShortNames.GetValueOrDefault(segment, segment);

        // The key may follow any path prefix; after it come only qualifier (AI, value) pairs.
        for (var i = 0; i + 1 < path.Length; i++)
        {
            var ai = Ai(path[i]);
            if (!PrimaryKeys.TryGetValue(ai, out var key) || (path.Length - i) % 2 != 0 ||
                !Enumerable.Range(1, (path.Length - i) / 2 - 1).All(p => NumericAi.IsMatch(Ai(path[i + 2 * p])))) continue;
            var value = Uri.UnescapeDataString(path[i + 1]);
            if (!key.Value.IsMatch(value)) continue;
            var qualifiers = new Dictionary<string, string>();
            for (var q = i + 2; q < path.Length; q += 2) qualifiers.TryAdd(Ai(path[q]), Uri.UnescapeDataString(path[q + 1]));
            var finest = key.Qualifiers.FirstOrDefault(qualifiers.ContainsKey);
            List<(string, string?)> keys = [(ai, ai == "01" ? value.PadLeft(14, '0') : value)]; // GTIN-8, -12, -13 as GTIN-14
            if (finest is not null) keys.Add((finest, qualifiers[finest]));
            return DigitalLink(keys);
        }
        return null;
    }

    private static string DigitalLink(IEnumerable<(string Ai, string? Value)> keys) =>
        GS1 + string.Concat(keys.Select(k => $"/{k.Ai}/{Escape(k.Value!)}"));

    // Percent-encodes every UTF-8 byte but the RFC 3986 unreserved characters and the apostrophe, as the reference vectors do.
    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'\'')
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2"));
        return text.ToString();
    }
}

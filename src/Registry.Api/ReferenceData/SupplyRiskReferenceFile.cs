using Registry.Domain.Materials;
using Registry.Domain.SupplyRisk;

namespace Registry.Api.ReferenceData;

/// <summary>The supply-risk reference figures of the EU CRM method: global production by country, WGI rescaled
/// 0-10, substitution indices, the criticality thresholds, and published EU 2023 results, each with its source.</summary>
public sealed record SupplyRiskReference(string Version, SupplyReference Figures, double SupplyRiskThreshold, string ThresholdSource);

/// <summary>Reads and checks <c>supply-risk.json</c> (see <see cref="ReferenceDataFiles"/>).</summary>
public static class SupplyRiskReferenceFile
{
    public const string Name = "supply-risk.json";

    public static SupplyRiskReference Load(string path)
    {
        var file = ReferenceDataFiles.Read<Document>(path);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version)) problems.Add("version is missing");
        if (file.GlobalProduction is null || file.Wgi?.Countries is null || file.SubstitutionIndex is null)
            problems.Add("globalProduction, wgi.countries and substitutionIndex are required");
        foreach (var twice in (file.GlobalProduction ?? []).GroupBy(p => (p.Element, p.Year)).Where(g => g.Count() > 1))
            problems.Add($"globalProduction has {twice.Key.Element} {twice.Key.Year} more than once");
        foreach (var twice in (file.SubstitutionIndex ?? []).GroupBy(si => si.Element).Where(g => g.Count() > 1))
            problems.Add($"substitutionIndex has {twice.Key} more than once");
        foreach (var (p, i) in (file.GlobalProduction ?? []).Select((p, i) => (p, i)))
        {
            var at = $"globalProduction[{i}]";
            if (string.IsNullOrWhiteSpace(p.Source)) problems.Add($"{at}.source is missing");
            if (p.Countries is null || p.WorldTotal <= 0 || p.Countries.Values.Any(t => t < 0) || p.Countries.Values.Sum() > p.WorldTotal)
                problems.Add($"{at}: countries (non-negative tonnes) must add up to at most worldTotal > 0");
            if (!ReferenceDataFiles.Statuses.Contains(p.Status)) problems.Add($"{at}.status must be one of {string.Join(", ", ReferenceDataFiles.Statuses)}");
            foreach (var country in (p.Countries ?? []).Keys.Where(c => !Countries.IsKnown(c))) problems.Add($"{at}: '{country}' is not a country code");
        }
        foreach (var (country, w) in file.Wgi?.Countries ?? [])
        {
            if (!Countries.IsKnown(country)) problems.Add($"wgi: '{country}' is not a country code");
            if (w.Value is < 0 or > 10) problems.Add($"wgi.{country} must be on the 0-10 scale");
            if (!ReferenceDataFiles.Statuses.Contains(w.Status)) problems.Add($"wgi.{country}.status must be one of {string.Join(", ", ReferenceDataFiles.Statuses)}");
        }
        if (string.IsNullOrWhiteSpace(file.Wgi?.Source)) problems.Add("wgi.source is missing");
        foreach (var (si, i) in (file.SubstitutionIndex ?? []).Select((s, i) => (s, i)))
            if (string.IsNullOrWhiteSpace(si.Source) || si.Value is <= 0 or > 2 || !ReferenceDataFiles.Statuses.Contains(si.Status))
                problems.Add($"substitutionIndex[{i}] needs a source, a status and a value in (0, 2]");
        if (file.Thresholds is not { SupplyRisk: > 0 } || string.IsNullOrWhiteSpace(file.Thresholds.Source)) problems.Add("thresholds.supplyRisk and its source are missing");
        ReferenceDataFiles.RefuseIfAny(path, problems);

        var global = file.GlobalProduction!
            .GroupBy(p => p.Element)
            .Select(g => g.OrderByDescending(p => p.Year).First())
            .ToDictionary(p => p.Element, p => new GlobalProduction(p.Element, p.Year, p.Countries!, p.WorldTotal, $"{p.Source} ({p.Status})"));
        var wgi = file.Wgi!;
        return new SupplyRiskReference(file.Version!,
            new SupplyReference(global, wgi.Countries!.ToDictionary(c => c.Key, c => c.Value.Value),
                $"{wgi.Source} ({wgi.Year}; {wgi.Scale}; {wgi.Status})",
                file.SubstitutionIndex!.ToDictionary(s => s.Element, s => (s.Value, $"{s.Source} ({s.Status})"))),
            file.Thresholds!.SupplyRisk, file.Thresholds.Source!);
    }

    private sealed record Document(
        string? Version, List<Production>? GlobalProduction, Governance? Wgi, List<Substitution>? SubstitutionIndex, Threshold? Thresholds);

    private sealed record Production(string Element, int Year, string? Status, string? Source, decimal WorldTotal, Dictionary<string, decimal>? Countries);

    private sealed record Governance(int Year, string? Status, string? Source, string? Scale, Dictionary<string, CountryWgi>? Countries);

    private sealed record CountryWgi(double Value, string? Status);

    private sealed record Substitution(string Element, double Value, string? Status, string? Source);

    private sealed record Threshold(double SupplyRisk, string? Source);
}

using Registry.Domain.Materials;

namespace Registry.Domain.SupplyRisk;

/// <summary>Global production of an element by country (reference data), as shares of the world total.</summary>
public sealed record GlobalProduction(string Element, int Year, IReadOnlyDictionary<string, decimal> Tonnes, decimal WorldTonnes, string Source)
{
    public IReadOnlyDictionary<string, decimal> Shares => Tonnes.ToDictionary(t => t.Key, t => t.Value / WorldTonnes);
}

/// <summary>The reference figures the supply-risk score needs; each figure knows its source.</summary>
public sealed record SupplyReference(
    IReadOnlyDictionary<string, GlobalProduction> GlobalProduction,
    IReadOnlyDictionary<string, double> Wgi,
    string WgiSource,
    IReadOnlyDictionary<string, (double Value, string Source)> SubstitutionIndex);

/// <summary>The element masses a country's supply chain took in a year, read from the supply-risk projections.</summary>
/// <param name="Entering">Primary and secondary element mass entering (registered in the country or imported), by source.</param>
/// <param name="ExportedKg">Element mass that left the country across a border.</param>
/// <param name="Manufacturing">Element mass consumed by manufacturing in the country, by source.</param>
public sealed record SupplyChainMasses(
    IReadOnlyDictionary<string, decimal> Entering, decimal ExportedKg, IReadOnlyDictionary<string, decimal> Manufacturing);

public sealed record CountryShare(string Country, double Share, decimal MassKg);

public sealed record SupplyRiskAnswer(
    string Element, int Year, string ImportingCountry, IReadOnlyList<CountryShare> Sourcing, double Hhi, string? TopCountry,
    double? TopShare, double? HhiWgiSourcing, double? HhiWgiGlobal, double? ImportReliance, double? EolRir,
    double? SubstitutionIndex, double? SupplyRisk, IReadOnlyList<string> ReferenceSources, IReadOnlyList<string> Missing);

/// <summary>
/// The EU critical raw materials supply-risk method (Blengini et al. 2017; CRMA Annex II) fed by registry data
/// (domain.md, "Supply risk"): SR = (HHI_WGI,global · IR/2 + HHI_WGI,sourcing · (1 − IR/2)) · (1 − EoL-RIR) · SI,
/// with HHI_WGI = Σ s_c² · WGI_c over fractional shares and the trade factor t_c taken as 1.
/// </summary>
public static class SupplyRiskFormula
{
    public static double Score(double hhiWgiGlobal, double hhiWgiSourcing, double importReliance, double eolRir, double substitutionIndex) =>
        (hhiWgiGlobal * importReliance / 2 + hhiWgiSourcing * (1 - importReliance / 2)) * (1 - eolRir) * substitutionIndex;

    /// <summary>Σ s² · WGI over the shares; null (and the reason) when a country with a share has no WGI.</summary>
    public static double? HhiWgi(IReadOnlyDictionary<string, double> shares, IReadOnlyDictionary<string, double> wgi, List<string> missing, string what)
    {
        var unknown = shares.Keys.Where(c => !wgi.ContainsKey(c)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            missing.Add($"{what}: no WGI for {string.Join(", ", unknown)}");
            return null;
        }
        return shares.Sum(s => s.Value * s.Value * wgi[s.Key]);
    }

    public static SupplyRiskAnswer Assess(
        string element, int year, string country, SupplyChainMasses masses, SupplyReference reference)
    {
        var missing = new List<string>();
        var sources = new List<string>();

        var primary = masses.Entering.Where(m => Countries.IsKnown(m.Key) && m.Value > 0).ToDictionary(m => m.Key, m => m.Value);
        var primaryKg = primary.Values.Sum();
        var sourcing = primary
            .Select(p => new CountryShare(p.Key, (double)(p.Value / primaryKg), p.Value))
            .OrderByDescending(s => s.Share).ThenBy(s => s.Country, StringComparer.Ordinal).ToList();
        if (sourcing.Count == 0) missing.Add($"no primary {element} entered {country}'s supply chain in {year}");
        var shares = sourcing.ToDictionary(s => s.Country, s => s.Share);
        var hhi = sourcing.Sum(s => 100 * s.Share * 100 * s.Share);

        double? hhiWgiSourcing = sourcing.Count == 0 ? null : HhiWgi(shares, reference.Wgi, missing, "sourcing");
        double? hhiWgiGlobal = null;
        if (reference.GlobalProduction.TryGetValue(element, out var global))
        {
            sources.Add(global.Source);
            hhiWgiGlobal = HhiWgi(global.Shares.ToDictionary(s => s.Key, s => (double)s.Value), reference.Wgi, missing, "global production");
        }
        else missing.Add($"no global production shares for {element} in the reference data");
        if (hhiWgiSourcing is not null || hhiWgiGlobal is not null) sources.Add(reference.WgiSource);

        var importedKg = primary.Where(p => p.Key != country).Sum(p => p.Value);
        var consumptionKg = primary.GetValueOrDefault(country) + importedKg - masses.ExportedKg;
        double? importReliance = consumptionKg > 0 ? Math.Clamp((double)((importedKg - masses.ExportedKg) / consumptionKg), 0, 1) : null;
        if (importReliance is null) missing.Add($"no apparent consumption of primary {element} in {country} in {year}");

        var manufacturedKg = masses.Manufacturing.Values.Sum();
        double? eolRir = manufacturedKg > 0
            ? (double)(masses.Manufacturing.GetValueOrDefault(Materials.Provenance.RecycledPost) / manufacturedKg)
            : null;
        if (eolRir is null) missing.Add($"no {element} entered manufacturing in {country} in {year}");

        double? substitution = null;
        if (reference.SubstitutionIndex.TryGetValue(element, out var si))
        {
            substitution = si.Value;
            sources.Add(si.Source);
        }
        else missing.Add($"no substitution index for {element} in the reference data");

        double? supplyRisk = hhiWgiGlobal is { } g && hhiWgiSourcing is { } s && importReliance is { } ir && eolRir is { } eol && substitution is { } sub
            ? Score(g, s, ir, eol, sub)
            : null;
        return new SupplyRiskAnswer(element, year, country, sourcing, hhi, sourcing.FirstOrDefault()?.Country,
            sourcing.FirstOrDefault()?.Share, hhiWgiSourcing, hhiWgiGlobal, importReliance, eolRir, substitution, supplyRisk,
            sources.Distinct().ToList(), missing);
    }
}

namespace Registry.Domain.Kpis;

/// <summary>The KPIs by stable name (the names targets and <c>kpiProgress</c> use), and their values in a year.</summary>
public static class KpiCatalog
{
    public const string EffectiveUtilizationRate = "plastics.effectiveUtilizationRate";
    public const string RecyclingRate = "plastics.recyclingRate";
    public const string BiomassPlacedOnMarketKg = "plastics.biomassPlacedOnMarketKg";
    public const string HreFreeShare = "rareEarth.hreFreeShare";
    public const string PlasticsPrefix = "plastics.";
    public const string BatteryPrefix = "battery.";
    public const string RareEarthPrefix = "rareEarth.";

    public static string RecoveryEfficiency(string element) => $"{BatteryPrefix}recoveryEfficiency.{element}";
    public static string RecycledContent(string element) => $"{BatteryPrefix}recycledContent.{element}";

    public static IReadOnlyList<string> Names { get; } =
    [
        EffectiveUtilizationRate, RecyclingRate, BiomassPlacedOnMarketKg,
        .. KpiFacts.RecoveredElements.Select(RecoveryEfficiency),
        .. KpiFacts.RecycledContentElements.Select(RecycledContent),
        HreFreeShare,
    ];

    /// <summary>Every KPI's value in one year, in <see cref="Names"/> order; null where a rate has no denominator.</summary>
    public static IReadOnlyList<(string Kpi, double? Value)> ValuesOf(PlasticsAnswer plastics, BatteryAnswer battery, RareEarthAnswer rareEarth) =>
    [
        (EffectiveUtilizationRate, plastics.EffectiveUtilizationRate),
        (RecyclingRate, plastics.RecyclingRate),
        (BiomassPlacedOnMarketKg, (double)plastics.BiomassPlacedOnMarketKg),
        .. battery.RecoveryEfficiency.Select(r => (RecoveryEfficiency(r.Element), r.Rate)),
        .. battery.RecycledContent.Select(r => (RecycledContent(r.Element), r.Rate)),
        (HreFreeShare, rareEarth.HreFreeShare),
    ];
}

/// <summary>A published target for a KPI, with where it comes from and how well that was checked.</summary>
public sealed record KpiTarget(string Kpi, int Year, double Value, string Unit, string Source, string Status);

/// <summary>The targets of one version of the reference data.</summary>
public sealed record KpiTargets(string Version, IReadOnlyList<KpiTarget> Targets)
{
    public IReadOnlyList<KpiTarget> WithPrefix(string prefix) =>
        Targets.Where(t => t.Kpi.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(t => t.Kpi, StringComparer.Ordinal).ThenBy(t => t.Year).ToList();

    /// <summary>The target a year is measured against: the first due in or after it, else the last one.</summary>
    public KpiTarget? AheadOf(string kpi, int year)
    {
        var ofKpi = Targets.Where(t => t.Kpi == kpi).OrderBy(t => t.Year).ToList();
        return ofKpi.FirstOrDefault(t => t.Year >= year) ?? ofKpi.LastOrDefault();
    }
}

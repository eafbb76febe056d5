using Registry.Domain.Kpis;
using Registry.Projections.Kpis;

namespace Registry.Api.GraphQL.Kpis;

/// <summary>
/// Why a KPI figure is null, in words (as <c>SupplyRisk.missing</c>), and the unit each figure is in. A rate is null
/// only when its denominator is zero: nothing of what it divides by was recorded in the scope asked for.
/// </summary>
public static class KpiExplanations
{
    /// <summary>A rate, a share: 1.0 = 100%, as the targets' unit says.</summary>
    public const string Fraction = "fraction";
    public const string Kilograms = "kg";
    /// <summary>A count of products (xEV units).</summary>
    public const string Units = "units";

    /// <summary>The unit of a KPI by its catalog name, as its targets give it.</summary>
    public static string UnitOf(string kpi) => kpi == KpiCatalog.BiomassPlacedOnMarketKg ? Kilograms : Fraction;

    /// <summary>Why each null KPI of a year is null, by the KPI's catalog name.</summary>
    public static IReadOnlyDictionary<string, string> Reasons(
        PlasticsAnswer plastics, BatteryAnswer battery, RareEarthAnswer rareEarth, KpiScope scope, int year)
    {
        var reasons = new Dictionary<string, string>();
        if (plastics.WasteKg == 0)
        {
            var why = $"no {(scope.Material is { } m ? m + " " : "")}{(scope.WasteKind is { } k ? k + " " : "")}plastic waste recorded{Where(scope)} in {year}{AsOf(scope)}";
            reasons[KpiCatalog.EffectiveUtilizationRate] = why;
            reasons[KpiCatalog.RecyclingRate] = why;
        }
        foreach (var rate in battery.RecoveryEfficiency.Where(r => r.Rate is null))
            reasons[KpiCatalog.RecoveryEfficiency(rate.Element)] =
                $"no {rate.Element} recorded in battery lots entering recycling{Where(scope)} in {year}{AsOf(scope)}";
        foreach (var rate in battery.RecycledContent.Where(r => r.Rate is null))
            reasons[KpiCatalog.RecycledContent(rate.Element)] =
                $"no {rate.Element} recorded in battery lots placed on the market{Where(scope)} in {year}{AsOf(scope)}";
        if (rareEarth.XevUnitsPlaced == 0)
            reasons[KpiCatalog.HreFreeShare] = $"no xEV units placed on the market{Where(scope)} in {year}{AsOf(scope)}";
        return reasons;
    }

    /// <summary>An answer's <c>missing</c>: "figure: why" for each of its null figures, the figure named as in the
    /// answer (its KPI name without the prefix, e.g. <c>recoveryEfficiency.Li</c>).</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, string> reasons, string prefix) =>
        KpiCatalog.Names.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && reasons.ContainsKey(k))
            .Select(k => $"{k[prefix.Length..]}: {reasons[k]}").ToList();

    private static string Where(KpiScope scope) => scope.Region is { } region ? $" in {region}" : "";

    private static string AsOf(KpiScope scope) => scope.AsOf is { } asOf ? $" (as recorded by {asOf:O})" : "";
}

/// <summary>The unit of one figure of a KPI answer.</summary>
public sealed record FigureUnit(string Figure, string Unit);

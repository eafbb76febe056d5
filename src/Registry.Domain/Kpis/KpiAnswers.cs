namespace Registry.Domain.Kpis;

/// <summary>Rates of the KPIs: null where the denominator is zero, never 0 and never NaN.</summary>
public static class KpiRates
{
    public static double? Of(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : (double)(numerator / denominator);
}

/// <summary>A ratio per element (battery KPIs).</summary>
public sealed record ElementRate(string Element, decimal NumeratorKg, decimal DenominatorKg)
{
    public double? Rate => KpiRates.Of(NumeratorKg, DenominatorKg);

    /// <summary>One rate per element asked for, zero kilograms where no fact names it.</summary>
    public static IReadOnlyList<ElementRate> For(IReadOnlyList<string> elements, IEnumerable<KpiSum> sums)
    {
        var byElement = sums.ToDictionary(s => s.Key);
        return elements.Select(e => byElement.TryGetValue(e, out var s)
            ? new ElementRate(e, s.Numerator, s.Denominator)
            : new ElementRate(e, 0, 0)).ToList();
    }
}

/// <summary>Plastic waste by route, Japan's effective utilization and the EU-style recycling rate.</summary>
public sealed record PlasticsAnswer(int Year, IReadOnlyDictionary<WasteRoute, decimal> RouteKg, decimal BiomassPlacedOnMarketKg)
{
    public decimal WasteKg => RouteKg.Values.Sum();
    public decimal KgBy(WasteRoute route) => RouteKg.GetValueOrDefault(route);

    /// <summary>(reuse + material + chemical recycling + energy recovery) ÷ all waste leaving the waste stage.</summary>
    public double? EffectiveUtilizationRate => KpiRates.Of(
        KgBy(WasteRoute.Reuse) + KgBy(WasteRoute.MaterialRecycling) + KgBy(WasteRoute.ChemicalRecycling) +
        KgBy(WasteRoute.EnergyRecovery), WasteKg);

    /// <summary>(material + chemical recycling) ÷ the same total: energy recovery is not recycling in the EU.</summary>
    public double? RecyclingRate => KpiRates.Of(KgBy(WasteRoute.MaterialRecycling) + KgBy(WasteRoute.ChemicalRecycling), WasteKg);

    public static PlasticsAnswer From(int year, IEnumerable<KpiSum> sums)
    {
        var list = sums.ToList();
        var routes = list.Where(s => s.Measure == KpiMeasure.PlasticWaste)
            .ToDictionary(s => Enum.Parse<WasteRoute>(s.Key), s => s.Numerator);
        var biomass = list.Where(s => s.Measure == KpiMeasure.PlasticPlaced).Sum(s => s.Numerator);
        return new(year, routes, biomass);
    }
}

public sealed record BatteryAnswer(int Year, IReadOnlyList<ElementRate> RecoveryEfficiency, IReadOnlyList<ElementRate> RecycledContent)
{
    public static BatteryAnswer From(int year, IEnumerable<KpiSum> sums)
    {
        var list = sums.ToList();
        return new(year,
            ElementRate.For(KpiFacts.RecoveredElements, list.Where(s => s.Measure == KpiMeasure.BatteryRecovery)),
            ElementRate.For(KpiFacts.RecycledContentElements, list.Where(s => s.Measure == KpiMeasure.BatteryRecycledContent)));
    }
}

public sealed record RareEarthAnswer(int Year, int XevUnitsPlaced, int HreFreeXevUnits)
{
    public double? HreFreeShare => KpiRates.Of(HreFreeXevUnits, XevUnitsPlaced);

    public static RareEarthAnswer From(int year, IEnumerable<KpiSum> sums)
    {
        var xev = sums.Where(s => s.Measure == KpiMeasure.XevPlaced).ToList();
        return new(year, (int)xev.Sum(s => s.Denominator), (int)xev.Sum(s => s.Numerator));
    }
}

using Registry.Domain.Lots;

namespace Registry.Domain.Kpis;

/// <summary>What a KPI fact counts. Every KPI is a ratio (or a plain sum) of these facts, summed per key.</summary>
public enum KpiMeasure
{
    /// <summary>Key: the <see cref="WasteRoute"/>. Numerator: plastic waste kg leaving the waste stage by it.</summary>
    PlasticWaste,
    /// <summary>Key "*". Numerator: bio-based kg; denominator: plastic kg placed on the market.</summary>
    PlasticPlaced,
    /// <summary>Key: element. Numerator: kg in recycling outputs; denominator: kg in their battery inputs.</summary>
    BatteryRecovery,
    /// <summary>Key: element. Numerator: recycled kg; denominator: the element's kg in battery lots placed.</summary>
    BatteryRecycledContent,
    /// <summary>Key "*". Numerator: heavy-rare-earth-free xEV units; denominator: xEV units placed.</summary>
    XevPlaced,
}

/// <summary>The routes by which waste mass leaves the waste stage (domain.md, "KPIs").</summary>
public enum WasteRoute { Reuse, MaterialRecycling, ChemicalRecycling, EnergyRecovery, Incineration, Landfill }

/// <summary>
/// One event's contribution to a KPI. The projection adds when it happened (year), where (the acting
/// organization's country) and when the registry learnt it (for "as of" answers). <c>WasteKind</c>: the stream
/// plastic waste came from (PWMI splits its flow by it); null for facts not about waste.
/// </summary>
public sealed record KpiFact(KpiMeasure Measure, string Key, string Material, decimal Numerator, decimal Denominator, WasteKind? WasteKind = null);

/// <summary>A sum of facts of one measure and key.</summary>
public sealed record KpiSum(KpiMeasure Measure, string Key, decimal Numerator, decimal Denominator);

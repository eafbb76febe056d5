using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Transformations;

namespace Registry.Domain.Kpis;

/// <summary>
/// The KPI facts an event contributes. The lots passed in may be in a later state than at the event: only what
/// never changes after a lot starts (category, material, product type, units, composition, provenance) is read,
/// besides the waste kind as it was at the event (set once), and masses come from the events themselves.
/// </summary>
public static class KpiFacts
{
    public const string AllKeys = "*";
    public static readonly IReadOnlyList<string> RecoveredElements = ["Li", "Co", "Ni", "Cu"];
    public static readonly IReadOnlyList<string> RecycledContentElements = ["Co", "Li", "Ni", "Pb"];
    public static readonly IReadOnlyList<string> HeavyRareEarths = ["Dy", "Tb"];

    /// <summary>Battery lots, for the battery KPIs (domain.md, "Material taxonomy").</summary>
    public static bool IsBattery(Lot lot) =>
        lot.Material is "LIB_CELL" or "LIB_PACK" or "EV_BATTERY_PACK" || lot.ProductType == "EV_BATTERY_PACK";

    public static bool IsXev(Lot lot) => lot.Material == "XEV" || lot.ProductType == "XEV";

    /// <summary>A product lot that does not say how many units it holds is one unit.</summary>
    public static int UnitsOf(Lot lot) => lot.Units ?? 1;

    public static IReadOnlyList<KpiFact> OfTreatment(LotTreated e, Lot lot) =>
        lot.Category == MaterialCategory.Plastic
            ? [new(KpiMeasure.PlasticWaste, RouteOf(e.Route).ToString(), lot.Material, e.MassKg, 0, lot.WasteKind)]
            : [];

    public static IReadOnlyList<KpiFact> OfPlacement(LotPlacedOnMarket e, Lot lot)
    {
        var facts = new List<KpiFact>();
        if (lot.Category == MaterialCategory.Plastic)
            facts.Add(new(KpiMeasure.PlasticPlaced, AllKeys, lot.Material, e.MassKg * ShareOf(lot, Elements.Bulk, Materials.Provenance.Bio), e.MassKg));
        if (IsBattery(lot))
            foreach (var element in RecycledContentElements)
            {
                var elementKg = e.MassKg * lot.Composition.GetValueOrDefault(element);
                if (elementKg > 0)
                    facts.Add(new(KpiMeasure.BatteryRecycledContent, element, lot.Material, elementKg * RecycledShare(lot, element), elementKg));
            }
        if (IsXev(lot))
        {
            var units = UnitsOf(lot);
            var heavyRareEarthFree = HeavyRareEarths.All(element => lot.Composition.GetValueOrDefault(element) == 0);
            facts.Add(new(KpiMeasure.XevPlaced, AllKeys, lot.Material, heavyRareEarthFree ? units : 0, units));
        }
        return facts;
    }

    /// <param name="lots">The transformation's input and output lots, by id.</param>
    public static IReadOnlyList<KpiFact> OfTransformation(TransformationRecorded e, IReadOnlyDictionary<Guid, Lot> lots)
    {
        if (!e.Process.IsRecycling()) return [];
        var route = e.Process == TransformationProcess.MaterialRecycling ? WasteRoute.MaterialRecycling : WasteRoute.ChemicalRecycling;
        var facts = e.Inputs
            .Select(input => (input.MassKg, Lot: lots[input.LotId]))
            .Where(input => input.Lot.Category == MaterialCategory.Plastic)
            .Select(input => new KpiFact(KpiMeasure.PlasticWaste, route.ToString(), input.Lot.Material, input.MassKg, 0, input.Lot.WasteKind))
            .ToList();

        if (!e.Inputs.Any(input => IsBattery(lots[input.LotId]))) return facts;
        foreach (var element in RecoveredElements)
        {
            decimal InputKg(TransformationInput input) => input.MassKg * lots[input.LotId].Composition.GetValueOrDefault(element);
            var batteryKg = e.Inputs.Where(input => IsBattery(lots[input.LotId])).Sum(InputKg);
            var allInputKg = e.Inputs.Sum(InputKg);
            if (batteryKg == 0) continue;
            // Outputs are credited to the battery inputs pro rata to the element they brought (mass balance), so
            // black mass or scrap recycled beside the batteries cannot lift the rate above what batteries gave.
            var outputKg = e.Outputs.Sum(output => output.MassKg * lots[output.LotId].Composition.GetValueOrDefault(element));
            facts.Add(new(KpiMeasure.BatteryRecovery, element, AllKeys, outputKg * batteryKg / allInputKg, batteryKg));
        }
        return facts;
    }

    private static WasteRoute RouteOf(TreatmentRoute route) => route switch
    {
        TreatmentRoute.Reuse => WasteRoute.Reuse,
        TreatmentRoute.EnergyRecovery => WasteRoute.EnergyRecovery,
        TreatmentRoute.Incineration => WasteRoute.Incineration,
        TreatmentRoute.Landfill => WasteRoute.Landfill,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    private static decimal ShareOf(Lot lot, string component, string source) =>
        Materials.Provenance.SourcesOf(lot.Provenance, component).GetValueOrDefault(source);

    private static decimal RecycledShare(Lot lot, string element) =>
        ShareOf(lot, element, Materials.Provenance.RecycledPre) + ShareOf(lot, element, Materials.Provenance.RecycledPost);
}

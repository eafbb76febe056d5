namespace Registry.Domain.Materials;

/// <summary>The material codes each category accepts (domain.md, "Material taxonomy").</summary>
public static class MaterialCatalog
{
    public const string Other = "OTHER";

    private static readonly Dictionary<MaterialCategory, HashSet<string>> Codes = new()
    {
        [MaterialCategory.Plastic] = ["PET", "HDPE", "PVC", "LDPE", "PP", "PS", "MIXED", Other],
        [MaterialCategory.BatteryMaterial] =
        [
            "LITHIUM_CARBONATE", "LITHIUM_HYDROXIDE", "COBALT_SULFATE", "NICKEL_SULFATE", "MANGANESE_SULFATE",
            "NMC_CATHODE", "LFP_CATHODE", "GRAPHITE", "BLACK_MASS", "LIB_CELL", "LIB_PACK", Other,
        ],
        // Iron and other alloying metals enter the magnet chain beside the rare earths.
        [MaterialCategory.RareMetal] =
        [
            "ND_OXIDE", "PR_OXIDE", "DY_OXIDE", "TB_OXIDE", "NDFEB_ALLOY", "NDFEB_MAGNET", "COBALT_METAL",
            "GALLIUM", "IRON", Other,
        ],
        [MaterialCategory.Product] = ["PACKAGING", "XEV", "XEV_MOTOR", "EV_BATTERY_PACK", "ELECTRONICS", Other],
    };

    public static bool IsKnown(MaterialCategory category, string? material) =>
        material is not null && Codes.TryGetValue(category, out var codes) && codes.Contains(material);

    public static IReadOnlyCollection<string> MaterialsOf(MaterialCategory category) => Codes[category];
}

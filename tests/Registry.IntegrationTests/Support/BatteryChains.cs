namespace Registry.IntegrationTests.Support;

/// <summary>The start of the battery chains the provenance and passport tests build on.</summary>
public static class BatteryChains
{
    /// <summary>
    /// Registers 1000 kg of post-consumer Li-ion packs (Co 5% from CD, Li 2% from CL, Ni 15% from ID) and recycles them
    /// on day 2 into 400 kg of black mass, assay Co 48 ≤ 50, Li 18 ≤ 20, Ni 140 ≤ 150 kg: the black mass's id.
    /// </summary>
    public static async Task<Guid> BlackMassFromWastePacksAsync(this ApiClient recycler)
    {
        var packs = await recycler.RegisterLotAsync(new
        {
            category = "BatteryMaterial", material = "LIB_PACK", massKg = 1000m, composition = Lots.Map(("Co", 0.05m), ("Li", 0.02m), ("Ni", 0.15m)),
            provenance = new Dictionary<string, object> { ["*"] = Lots.Map(("JP", 1m)), ["Co"] = Lots.Map(("CD", 1m)), ["Li"] = Lots.Map(("CL", 1m)), ["Ni"] = Lots.Map(("ID", 1m)) },
            wasteKind = "PostConsumer",
        });
        return (await recycler.TransformAsync("MaterialRecycling", [(packs, 1000m)],
            [Lots.Output("BatteryMaterial", "BLACK_MASS", 400m, Lots.Map(("Co", 0.12m), ("Li", 0.045m), ("Ni", 0.35m)))], day: 2))[0];
    }
}

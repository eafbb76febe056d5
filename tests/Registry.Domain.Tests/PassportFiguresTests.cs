using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Passports;

namespace Registry.Domain.Tests;

public sealed class PassportFiguresTests
{
    /// <summary>A pack of 1000 kg: Co 2%, Li 1.5%, Ni 6%, Mn 2%, O; no lead.</summary>
    private static Lot Pack(LotStage stage = LotStage.OnMarket, string? marketCountry = "DE") => new()
    {
        LotNumber = "PACK-1",
        Material = "LIB_PACK",
        Category = MaterialCategory.BatteryMaterial,
        OriginCountry = "JP",
        MassKg = 1000m,
        RemainingKg = 1000m,
        Stage = stage,
        MarketCountry = marketCountry,
        Composition = new Dictionary<string, decimal> { ["Co"] = 0.02m, ["Li"] = 0.015m, ["Ni"] = 0.06m, ["Mn"] = 0.02m, ["O"] = 0.1m },
        Provenance = new Dictionary<string, Dictionary<string, decimal>>
        {
            ["*"] = new() { ["JP"] = 1m },
            // 20 kg of Co: 4 kg post-consumer, 1 kg pre-consumer, 15 kg mined in CD.
            ["Co"] = new() { ["recycled:post"] = 0.2m, ["recycled:pre"] = 0.05m, ["CD"] = 0.75m },
            ["Li"] = new() { ["recycled:post"] = 0.1m, ["CL"] = 0.9m },
        },
    };

    [Fact]
    public void Recycled_content_is_each_elements_recycled_share_and_null_for_an_element_the_lot_lacks()
    {
        var content = PassportFigures.RecycledContent(Pack()).ToDictionary(c => c.Element);

        Assert.Equal(["Co", "Li", "Ni", "Pb"], content.Keys);
        // Co: 0.05 pre + 0.2 post = 0.25 of the 20 kg (5 kg).
        Assert.Equal(new ElementRecycledContent("Co", 0.05m, 0.2m, 0.25m), content["Co"]);
        Assert.Equal(new ElementRecycledContent("Li", 0m, 0.1m, 0.1m), content["Li"]);
        // Ni has no distribution of its own: it takes "*" (all JP), so none of it is recycled.
        Assert.Equal(new ElementRecycledContent("Ni", 0m, 0m, 0m), content["Ni"]);
        // The pack holds no lead: no share at all, not 0.
        Assert.Equal(new ElementRecycledContent("Pb", null, null, null), content["Pb"]);
    }

    [Fact]
    public void Components_are_flagged_with_their_entry_on_the_EU_critical_raw_materials_list()
    {
        var materials = PassportFigures.MaterialsOf(Pack());

        Assert.Equal(
        [
            new PassportMaterial("Co", "Cobalt"), new PassportMaterial("Li", "Lithium"), new PassportMaterial("Mn", "Manganese"),
            new PassportMaterial("Ni", "Nickel (battery grade)"), new PassportMaterial("O", null),
        ], materials);
        Assert.Equal("Heavy rare earth elements", CriticalRawMaterials.EntryOf("Dy"));
        Assert.Null(CriticalRawMaterials.EntryOf("Fe"));
    }

    [Fact]
    public void A_lot_is_public_once_placed_on_the_market_and_stays_so_as_waste()
    {
        Assert.True(PassportFigures.IsPublic(Pack()));
        Assert.True(PassportFigures.IsPublic(Pack(LotStage.Waste)));
        Assert.False(PassportFigures.IsPublic(Pack(LotStage.Active, marketCountry: null)));
        Assert.Equal(BatteryStatus.Original, PassportFigures.StatusOf(Pack()));
        Assert.Equal(BatteryStatus.Waste, PassportFigures.StatusOf(Pack(LotStage.Closed)));
        Assert.Equal(PassportKind.BatteryPassport, PassportFigures.KindOf(Pack()));
        Assert.Equal(PassportKind.ProductPassport, PassportFigures.KindOf(Pack() with { Material = "NMC_CATHODE" }));
    }

    [Fact]
    public void A_started_lot_remembers_when_it_started()
    {
        var lot = LotFixtures.Registered();
        Assert.Equal(LotFixtures.T0, lot.StartedAt);
    }
}

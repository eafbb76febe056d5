using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Transformations;
using static Registry.Domain.Tests.LotFixtures;
using Sources = Registry.Domain.Materials.Provenance;

namespace Registry.Domain.Tests;

public sealed class KpiFactsTests
{
    // ---- building blocks -------------------------------------------------------------------------------------

    private static Dictionary<string, decimal> Shares(params (string Key, decimal Value)[] shares) =>
        shares.ToDictionary(s => s.Key, s => s.Value);

    /// <summary>A registered lot (LotFixtures) relabelled: only what KpiFacts reads is set.</summary>
    private static Lot LotOf(
        MaterialCategory category, string material, decimal massKg = 100m,
        Dictionary<string, decimal>? composition = null,
        Dictionary<string, Dictionary<string, decimal>>? provenance = null,
        string? productType = null, int? units = null) =>
        Registered(massKg) with
        {
            Id = Guid.NewGuid(),
            Category = category,
            Material = material,
            ProductType = productType,
            Units = units,
            Composition = composition ?? new Dictionary<string, decimal>(),
            Provenance = provenance ?? Sources.FromOrigin("JP"),
        };

    private static LotPlacedOnMarket Placed(Lot lot, decimal massKg) => new(lot.Id, Maker.OrganizationId, "JP", massKg, T0);

    private static TransformationRecorded Transformation(
        TransformationProcess process, IEnumerable<(Lot Lot, decimal Kg)> inputs, IEnumerable<(Lot Lot, decimal Kg)> outputs)
    {
        var ins = inputs.Select(i => new TransformationInput(i.Lot.Id, i.Kg)).ToList();
        var outs = outputs.Select(o => new TransformationOutput(o.Lot.Id, o.Lot.LotNumber, o.Kg)).ToList();
        var inputKg = ins.Sum(i => i.MassKg);
        var outputKg = outs.Sum(o => o.MassKg);
        return new(Guid.NewGuid(), Recycler.OrganizationId, process, ins, outs, inputKg, outputKg, inputKg - outputKg, T0);
    }

    private static Dictionary<Guid, Lot> ById(params Lot[] lots) => lots.ToDictionary(l => l.Id);

    // ---- OfTreatment -----------------------------------------------------------------------------------------

    [Fact]
    public void Treating_a_plastic_lot_gives_one_plastic_waste_fact_keyed_by_the_route_with_the_treated_mass()
    {
        // 120 kg of PET waste go to energy recovery: numerator 120 kg on key "EnergyRecovery", no denominator.
        var lot = LotOf(MaterialCategory.Plastic, "PET", 500m);
        var facts = KpiFacts.OfTreatment(new LotTreated(lot.Id, Maker.OrganizationId, TreatmentRoute.EnergyRecovery, 120m, T0), lot);

        var fact = Assert.Single(facts);
        Assert.Equal(new KpiFact(KpiMeasure.PlasticWaste, "EnergyRecovery", "PET", 120m, 0m), fact);
    }

    [Theory]
    [InlineData(TreatmentRoute.Reuse, "Reuse")]
    [InlineData(TreatmentRoute.EnergyRecovery, "EnergyRecovery")]
    [InlineData(TreatmentRoute.Incineration, "Incineration")]
    [InlineData(TreatmentRoute.Landfill, "Landfill")]
    public void Every_treatment_route_maps_to_the_waste_route_of_the_same_name(TreatmentRoute route, string key)
    {
        var lot = LotOf(MaterialCategory.Plastic, "HDPE");
        var fact = Assert.Single(KpiFacts.OfTreatment(new LotTreated(lot.Id, Maker.OrganizationId, route, 10m, T0), lot));
        Assert.Equal(key, fact.Key);
        Assert.Equal(10m, fact.Numerator);
    }

    [Fact]
    public void Treating_a_non_plastic_lot_gives_no_facts()
    {
        var lot = LotOf(MaterialCategory.BatteryMaterial, "BLACK_MASS");
        Assert.Empty(KpiFacts.OfTreatment(new LotTreated(lot.Id, Maker.OrganizationId, TreatmentRoute.Landfill, 50m, T0), lot));
    }

    // ---- OfPlacement -----------------------------------------------------------------------------------------

    [Fact]
    public void Placing_a_plastic_lot_counts_its_bio_share_of_the_placed_mass()
    {
        // "*" = {JP 0.7, bio 0.3}; 200 kg placed → numerator 200 × 0.3 = 60 kg bio-based, denominator 200 kg.
        var lot = LotOf(MaterialCategory.Plastic, "PP", 200m,
            provenance: new() { [Elements.Bulk] = Shares(("JP", 0.7m), (Sources.Bio, 0.3m)) });

        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 200m), lot));
        Assert.Equal(new KpiFact(KpiMeasure.PlasticPlaced, KpiFacts.AllKeys, "PP", 60m, 200m), fact);
    }

    [Fact]
    public void Placing_a_plastic_lot_with_no_bio_source_counts_zero_bio_kg()
    {
        // "*" = {JP 1}: numerator 150 × 0 = 0, denominator 150.
        var lot = LotOf(MaterialCategory.Plastic, "PET", 150m);
        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 150m), lot));
        Assert.Equal((0m, 150m), (fact.Numerator, fact.Denominator));
    }

    private static Lot BatteryLot(string material = "LIB_CELL", MaterialCategory category = MaterialCategory.BatteryMaterial,
        string? productType = null) =>
        LotOf(category, material, 500m,
            composition: Shares(("Co", 0.1m), ("Li", 0.02m)),
            provenance: new()
            {
                ["Co"] = Shares((Sources.RecycledPost, 0.2m), ("CD", 0.8m)),
                [Elements.Bulk] = Shares((Sources.RecycledPre, 0.5m), ("JP", 0.5m)),
            },
            productType: productType);

    [Fact]
    public void Own_element_provenance_wins_over_bulk_for_recycled_content()
    {
        // 500 kg placed, Co 0.1 → 50 kg Co; Co's own sources {recycled:post 0.2, CD 0.8} → recycled 50 × 0.2 = 10
        // (not the bulk recycled:pre 0.5, which would give 25).
        var lot = BatteryLot();
        var co = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 500m), lot), f => f.Key == "Co");
        Assert.Equal(new KpiFact(KpiMeasure.BatteryRecycledContent, "Co", "LIB_CELL", 10m, 50m), co);
    }

    [Fact]
    public void An_element_without_its_own_provenance_falls_back_to_bulk_for_recycled_content()
    {
        // 500 kg placed, Li 0.02 → 10 kg Li; no "Li" distribution, so "*" {recycled:pre 0.5, JP 0.5} → 10 × 0.5 = 5.
        var lot = BatteryLot();
        var li = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 500m), lot), f => f.Key == "Li");
        Assert.Equal(new KpiFact(KpiMeasure.BatteryRecycledContent, "Li", "LIB_CELL", 5m, 10m), li);
    }

    [Fact]
    public void Recycled_content_has_no_fact_for_elements_with_zero_mass()
    {
        // Ni and Pb are absent from the composition: 500 × 0 = 0 kg → no fact; only Co and Li, in the fixed order.
        var lot = BatteryLot();
        var facts = KpiFacts.OfPlacement(Placed(lot, 500m), lot);
        Assert.Equal(["Co", "Li"], facts.Select(f => f.Key));
        Assert.All(facts, f => Assert.Equal(KpiMeasure.BatteryRecycledContent, f.Measure));
    }

    [Fact]
    public void Recycled_content_uses_the_placed_mass_not_the_lot_mass()
    {
        // The lot holds 500 kg but only 100 kg are placed: Co 100 × 0.1 = 10 kg, recycled 10 × 0.2 = 2.
        var lot = BatteryLot();
        var co = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 100m), lot), f => f.Key == "Co");
        Assert.Equal((2m, 10m), (co.Numerator, co.Denominator));
    }

    [Fact]
    public void A_product_of_type_EV_BATTERY_PACK_counts_as_a_battery()
    {
        // Product "OTHER" with product type EV_BATTERY_PACK: same arithmetic as the LIB_CELL lot, Co 10 of 50, Li 5 of 10.
        var lot = BatteryLot(MaterialCatalog.Other, MaterialCategory.Product, productType: "EV_BATTERY_PACK");
        var facts = KpiFacts.OfPlacement(Placed(lot, 500m), lot);
        Assert.Equal(
            [
                new KpiFact(KpiMeasure.BatteryRecycledContent, "Co", MaterialCatalog.Other, 10m, 50m),
                new KpiFact(KpiMeasure.BatteryRecycledContent, "Li", MaterialCatalog.Other, 5m, 10m),
            ],
            facts);
    }

    [Theory]
    [InlineData("LIB_CELL", null, true)]
    [InlineData("LIB_PACK", null, true)]
    [InlineData("EV_BATTERY_PACK", null, true)]
    [InlineData("OTHER", "EV_BATTERY_PACK", true)]
    [InlineData("BLACK_MASS", null, false)]
    [InlineData("NMC_CATHODE", null, false)]
    public void Battery_lots_are_cells_packs_and_EV_battery_packs(string material, string? productType, bool isBattery)
    {
        Assert.Equal(isBattery, KpiFacts.IsBattery(LotOf(MaterialCategory.BatteryMaterial, material, productType: productType)));
    }

    [Fact]
    public void Placing_an_xEV_with_a_heavy_rare_earth_counts_its_units_but_none_as_free()
    {
        // 10 xEVs whose composition has Dy 0.0001 → numerator 0 HRE-free units, denominator 10 units.
        var lot = LotOf(MaterialCategory.Product, "XEV", 15000m, composition: Shares(("Fe", 0.6m), ("Dy", 0.0001m)), units: 10);
        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 15000m), lot));
        Assert.Equal(new KpiFact(KpiMeasure.XevPlaced, KpiFacts.AllKeys, "XEV", 0m, 10m), fact);
    }

    [Fact]
    public void Placing_an_xEV_with_terbium_counts_none_as_free()
    {
        // Tb 0.00005 > 0 → 0 of 10.
        var lot = LotOf(MaterialCategory.Product, "XEV", 15000m, composition: Shares(("Tb", 0.00005m)), units: 10);
        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 15000m), lot));
        Assert.Equal((0m, 10m), (fact.Numerator, fact.Denominator));
    }

    [Fact]
    public void Placing_an_xEV_without_dysprosium_or_terbium_counts_every_unit_as_free()
    {
        // No Dy, no Tb (Nd is a light rare earth) → numerator 10, denominator 10.
        var lot = LotOf(MaterialCategory.Product, "XEV", 15000m, composition: Shares(("Fe", 0.6m), ("Nd", 0.001m)), units: 10);
        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 15000m), lot));
        Assert.Equal(new KpiFact(KpiMeasure.XevPlaced, KpiFacts.AllKeys, "XEV", 10m, 10m), fact);
    }

    [Fact]
    public void An_xEV_lot_without_units_counts_as_one_unit()
    {
        // Units null → 1; no Dy/Tb → 1 of 1.
        var lot = LotOf(MaterialCategory.Product, "XEV", 1500m);
        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 1500m), lot));
        Assert.Equal((1m, 1m), (fact.Numerator, fact.Denominator));
    }

    [Fact]
    public void A_product_of_type_XEV_counts_as_an_xEV()
    {
        var lot = LotOf(MaterialCategory.Product, MaterialCatalog.Other, 3000m, productType: "XEV", units: 2);
        var fact = Assert.Single(KpiFacts.OfPlacement(Placed(lot, 3000m), lot));
        Assert.Equal((KpiMeasure.XevPlaced, 2m, 2m), (fact.Measure, fact.Numerator, fact.Denominator));
    }

    [Fact]
    public void Placing_a_lot_that_is_neither_plastic_battery_nor_xEV_gives_no_facts()
    {
        var lot = LotOf(MaterialCategory.RareMetal, "NDFEB_MAGNET", composition: Shares(("Dy", 0.05m), ("Co", 0.1m)));
        Assert.Empty(KpiFacts.OfPlacement(Placed(lot, 100m), lot));
    }

    // ---- OfTransformation ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(TransformationProcess.Manufacturing)]
    [InlineData(TransformationProcess.Refining)]
    [InlineData(TransformationProcess.Dismantling)]
    public void A_non_recycling_transformation_gives_no_facts(TransformationProcess process)
    {
        // Plastic and battery inputs alike: only recycling counts.
        var plastic = LotOf(MaterialCategory.Plastic, "PET", 300m);
        var battery = LotOf(MaterialCategory.BatteryMaterial, "LIB_PACK", 800m, composition: Shares(("Co", 0.05m)));
        var output = LotOf(MaterialCategory.BatteryMaterial, "BLACK_MASS", 100m, composition: Shares(("Co", 0.38m)));
        var e = Transformation(process, [(plastic, 300m), (battery, 800m)], [(output, 100m)]);
        Assert.Empty(KpiFacts.OfTransformation(e, ById(plastic, battery, output)));
    }

    [Fact]
    public void Material_recycling_of_plastic_waste_counts_the_consumed_mass_on_the_material_recycling_route()
    {
        // 300 kg of the 500 kg PET waste lot consumed → PlasticWaste "MaterialRecycling" 300; the 250 kg output is
        // not waste and the plastic inputs have no battery elements, so nothing else.
        var waste = LotOf(MaterialCategory.Plastic, "PET", 500m);
        var flakes = LotOf(MaterialCategory.Plastic, "PET", 250m);
        var e = Transformation(TransformationProcess.MaterialRecycling, [(waste, 300m)], [(flakes, 250m)]);

        var fact = Assert.Single(KpiFacts.OfTransformation(e, ById(waste, flakes)));
        Assert.Equal(new KpiFact(KpiMeasure.PlasticWaste, "MaterialRecycling", "PET", 300m, 0m), fact);
    }

    [Fact]
    public void Chemical_recycling_of_plastic_waste_counts_each_input_on_the_chemical_recycling_route()
    {
        // Two inputs, 120 kg PP + 80 kg PS → two facts on "ChemicalRecycling" (summed later: 200 kg).
        var pp = LotOf(MaterialCategory.Plastic, "PP", 120m);
        var ps = LotOf(MaterialCategory.Plastic, "PS", 80m);
        var oil = LotOf(MaterialCategory.Plastic, MaterialCatalog.Other, 150m);
        var e = Transformation(TransformationProcess.ChemicalRecycling, [(pp, 120m), (ps, 80m)], [(oil, 150m)]);

        Assert.Equal(
            [
                new KpiFact(KpiMeasure.PlasticWaste, "ChemicalRecycling", "PP", 120m, 0m),
                new KpiFact(KpiMeasure.PlasticWaste, "ChemicalRecycling", "PS", 80m, 0m),
            ],
            KpiFacts.OfTransformation(e, ById(pp, ps, oil)));
    }

    [Fact]
    public void Recycling_a_battery_gives_recovery_of_each_element_as_output_kg_over_input_kg()
    {
        // Input LIB_PACK, Co 0.05, 800 kg consumed → 800 × 0.05 = 40 kg Co in.
        // Output black mass 100 kg, Co 0.38 → 100 × 0.38 = 38 kg Co out. Fact: Co 38 / 40 (95 %).
        var pack = LotOf(MaterialCategory.BatteryMaterial, "LIB_PACK", 1000m, composition: Shares(("Co", 0.05m)));
        var blackMass = LotOf(MaterialCategory.BatteryMaterial, "BLACK_MASS", 100m, composition: Shares(("Co", 0.38m)));
        var e = Transformation(TransformationProcess.MaterialRecycling, [(pack, 800m)], [(blackMass, 100m)]);

        var fact = Assert.Single(KpiFacts.OfTransformation(e, ById(pack, blackMass)));
        Assert.Equal(new KpiFact(KpiMeasure.BatteryRecovery, "Co", KpiFacts.AllKeys, 38m, 40m), fact);
    }

    [Fact]
    public void Battery_recovery_has_no_fact_for_elements_the_batteries_did_not_bring()
    {
        // In: 800 × {Co 0.05, Li 0.01} = Co 40, Li 8. Out: 100 × {Co 0.38, Ni 0.1} = Co 38, Ni 10.
        // Li 0/8, Co 38/40; Ni has no battery input to credit (the decider forbids Ni from nothing) and Cu is in
        // neither → no fact. Fixed order Li, Co.
        var pack = LotOf(MaterialCategory.BatteryMaterial, "LIB_PACK", 800m, composition: Shares(("Co", 0.05m), ("Li", 0.01m)));
        var blackMass = LotOf(MaterialCategory.BatteryMaterial, "BLACK_MASS", 100m, composition: Shares(("Co", 0.38m), ("Ni", 0.1m)));
        var e = Transformation(TransformationProcess.ChemicalRecycling, [(pack, 800m)], [(blackMass, 100m)]);

        Assert.Equal(
            [
                new KpiFact(KpiMeasure.BatteryRecovery, "Li", KpiFacts.AllKeys, 0m, 8m),
                new KpiFact(KpiMeasure.BatteryRecovery, "Co", KpiFacts.AllKeys, 38m, 40m),
            ],
            KpiFacts.OfTransformation(e, ById(pack, blackMass)));
    }

    [Fact]
    public void Battery_recovery_credits_outputs_to_battery_inputs_pro_rata_to_the_element_they_brought()
    {
        // Inputs: LIB_CELL 200 kg × Co 0.1 = 20 kg Co (battery); BLACK_MASS 100 kg × Co 0.3 = 30 kg Co (not a battery).
        // Denominator 20; output 50 kg × Co 0.5 = 25 kg, of which the batteries brought 20/50: 10 → Co 10 / 20 = 0.5.
        var cell = LotOf(MaterialCategory.BatteryMaterial, "LIB_CELL", 200m, composition: Shares(("Co", 0.1m)));
        var bm = LotOf(MaterialCategory.BatteryMaterial, "BLACK_MASS", 100m, composition: Shares(("Co", 0.3m)));
        var sulfate = LotOf(MaterialCategory.BatteryMaterial, "COBALT_SULFATE", 50m, composition: Shares(("Co", 0.5m)));
        var e = Transformation(TransformationProcess.ChemicalRecycling, [(cell, 200m), (bm, 100m)], [(sulfate, 50m)]);

        var fact = Assert.Single(KpiFacts.OfTransformation(e, ById(cell, bm, sulfate)));
        Assert.Equal((KpiMeasure.BatteryRecovery, "Co", 10m, 20m), (fact.Measure, fact.Key, fact.Numerator, fact.Denominator));
    }

    [Fact]
    public void Recycling_without_battery_inputs_gives_no_recovery_facts_even_if_outputs_hold_elements()
    {
        // Non-battery, non-plastic input: no waste fact, no battery → nothing, although the output holds Co.
        var bm = LotOf(MaterialCategory.BatteryMaterial, "BLACK_MASS", 100m, composition: Shares(("Co", 0.3m)));
        var sulfate = LotOf(MaterialCategory.BatteryMaterial, "COBALT_SULFATE", 50m, composition: Shares(("Co", 0.5m)));
        var e = Transformation(TransformationProcess.ChemicalRecycling, [(bm, 100m)], [(sulfate, 50m)]);
        Assert.Empty(KpiFacts.OfTransformation(e, ById(bm, sulfate)));
    }

    // ---- PlasticsAnswer --------------------------------------------------------------------------------------

    [Fact]
    public void Plastics_answer_sums_routes_and_computes_both_rates()
    {
        // Reuse 50, MR 200, CR 100, EnergyRecovery 400, Incineration 150, Landfill 100 → total 1000.
        // Effective utilization = (50 + 200 + 100 + 400) / 1000 = 0.75; recycling = (200 + 100) / 1000 = 0.3.
        // Biomass placed = 60 + 40 = 100 (PlasticPlaced numerators; denominators 200 + 300 ignored).
        var answer = PlasticsAnswer.From(2030,
        [
            new(KpiMeasure.PlasticWaste, "Reuse", 50m, 0m),
            new(KpiMeasure.PlasticWaste, "MaterialRecycling", 200m, 0m),
            new(KpiMeasure.PlasticWaste, "ChemicalRecycling", 100m, 0m),
            new(KpiMeasure.PlasticWaste, "EnergyRecovery", 400m, 0m),
            new(KpiMeasure.PlasticWaste, "Incineration", 150m, 0m),
            new(KpiMeasure.PlasticWaste, "Landfill", 100m, 0m),
            new(KpiMeasure.PlasticPlaced, "*", 60m, 200m),
            new(KpiMeasure.PlasticPlaced, "*", 40m, 300m),
            new(KpiMeasure.BatteryRecovery, "Co", 38m, 40m),
        ]);

        Assert.Equal(2030, answer.Year);
        Assert.Equal(1000m, answer.WasteKg);
        Assert.Equal(400m, answer.KgBy(WasteRoute.EnergyRecovery));
        Assert.Equal(0.75, answer.EffectiveUtilizationRate);
        Assert.Equal(0.3, answer.RecyclingRate);
        Assert.Equal(100m, answer.BiomassPlacedOnMarketKg);
    }

    [Fact]
    public void Plastics_routes_with_no_facts_count_zero_kg()
    {
        // Only Landfill 80 → total 80; utilization (0+0+0+0)/80 = 0 and recycling 0/80 = 0: a real zero, not null.
        var answer = PlasticsAnswer.From(2025, [new(KpiMeasure.PlasticWaste, "Landfill", 80m, 0m)]);
        Assert.Equal(0m, answer.KgBy(WasteRoute.Reuse));
        Assert.Equal(0.0, answer.EffectiveUtilizationRate);
        Assert.Equal(0.0, answer.RecyclingRate);
    }

    [Fact]
    public void Plastics_rates_are_null_when_there_is_no_waste()
    {
        // Total waste 0 kg → both rates null (not 0, not NaN); biomass is a plain sum, 0.
        var empty = PlasticsAnswer.From(2025, []);
        Assert.Equal(0m, empty.WasteKg);
        Assert.Null(empty.EffectiveUtilizationRate);
        Assert.Null(empty.RecyclingRate);
        Assert.Equal(0m, empty.BiomassPlacedOnMarketKg);

        // Placements alone do not make waste.
        var placedOnly = PlasticsAnswer.From(2025, [new(KpiMeasure.PlasticPlaced, "*", 30m, 100m)]);
        Assert.Null(placedOnly.EffectiveUtilizationRate);
        Assert.Null(placedOnly.RecyclingRate);
        Assert.Equal(30m, placedOnly.BiomassPlacedOnMarketKg);
    }

    // ---- ElementRate / BatteryAnswer -------------------------------------------------------------------------

    [Fact]
    public void Element_rates_follow_the_asked_order_with_zero_kg_and_null_rate_where_no_sum()
    {
        // Asked Li, Co, Ni, Cu; sums for Co 38/40 = 0.95 and Ni (asked later, given first) 9/10 = 0.9.
        var rates = ElementRate.For(KpiFacts.RecoveredElements,
        [
            new(KpiMeasure.BatteryRecovery, "Ni", 9m, 10m),
            new(KpiMeasure.BatteryRecovery, "Co", 38m, 40m),
        ]);

        Assert.Equal(
            [new ElementRate("Li", 0m, 0m), new ElementRate("Co", 38m, 40m), new ElementRate("Ni", 9m, 10m), new ElementRate("Cu", 0m, 0m)],
            rates);
        Assert.Equal([null, 0.95, 0.9, null], rates.Select(r => r.Rate));
    }

    [Fact]
    public void Element_rate_is_null_when_only_output_mass_is_known()
    {
        // 10 kg out, 0 kg in → no denominator → null, not infinity.
        Assert.Null(new ElementRate("Ni", 10m, 0m).Rate);
    }

    [Fact]
    public void Battery_answer_gives_one_entry_per_element_in_the_fixed_orders()
    {
        // Recovery (Li, Co, Ni, Cu): Co 38/40 = 0.95, Li 3/4 = 0.75. Recycled content (Co, Li, Ni, Pb): Co 10/50 = 0.2,
        // Li 5/10 = 0.5. Others 0 kg, null rate. A PlasticWaste sum is ignored.
        var answer = BatteryAnswer.From(2031,
        [
            new(KpiMeasure.BatteryRecovery, "Co", 38m, 40m),
            new(KpiMeasure.BatteryRecovery, "Li", 3m, 4m),
            new(KpiMeasure.BatteryRecycledContent, "Li", 5m, 10m),
            new(KpiMeasure.BatteryRecycledContent, "Co", 10m, 50m),
            new(KpiMeasure.PlasticWaste, "Landfill", 99m, 0m),
        ]);

        Assert.Equal(2031, answer.Year);
        Assert.Equal(["Li", "Co", "Ni", "Cu"], answer.RecoveryEfficiency.Select(r => r.Element));
        Assert.Equal([0.75, 0.95, null, null], answer.RecoveryEfficiency.Select(r => r.Rate));
        Assert.Equal(["Co", "Li", "Ni", "Pb"], answer.RecycledContent.Select(r => r.Element));
        Assert.Equal([0.2, 0.5, null, null], answer.RecycledContent.Select(r => r.Rate));
        Assert.Equal(new ElementRate("Pb", 0m, 0m), answer.RecycledContent[3]);
    }

    [Fact]
    public void Battery_answer_keeps_recovery_and_recycled_content_of_the_same_element_apart()
    {
        // Co appears under both measures: recovery 38/40 = 0.95, recycled content 10/50 = 0.2.
        var answer = BatteryAnswer.From(2031,
        [
            new(KpiMeasure.BatteryRecovery, "Co", 38m, 40m),
            new(KpiMeasure.BatteryRecycledContent, "Co", 10m, 50m),
        ]);
        Assert.Equal(0.95, answer.RecoveryEfficiency.Single(r => r.Element == "Co").Rate);
        Assert.Equal(0.2, answer.RecycledContent.Single(r => r.Element == "Co").Rate);
    }

    [Fact]
    public void Battery_answer_with_no_sums_has_every_element_at_zero_with_null_rates()
    {
        var answer = BatteryAnswer.From(2030, []);
        Assert.Equal(4, answer.RecoveryEfficiency.Count);
        Assert.Equal(4, answer.RecycledContent.Count);
        Assert.All(answer.RecoveryEfficiency.Concat(answer.RecycledContent), r =>
        {
            Assert.Equal((0m, 0m), (r.NumeratorKg, r.DenominatorKg));
            Assert.Null(r.Rate);
        });
    }

    // ---- RareEarthAnswer -------------------------------------------------------------------------------------

    [Fact]
    public void Rare_earth_answer_sums_units_and_computes_the_HRE_free_share()
    {
        // Sums 3/10 and 5/10 → 8 HRE-free of 20 units = 0.4.
        var answer = RareEarthAnswer.From(2030,
        [
            new(KpiMeasure.XevPlaced, "*", 3m, 10m),
            new(KpiMeasure.XevPlaced, "*", 5m, 10m),
            new(KpiMeasure.PlasticPlaced, "*", 60m, 200m),
        ]);
        Assert.Equal((20, 8), (answer.XevUnitsPlaced, answer.HreFreeXevUnits));
        Assert.Equal(0.4, answer.HreFreeShare);
    }

    [Fact]
    public void Rare_earth_share_is_null_with_zero_units()
    {
        // 0 units placed → 0/0 → null.
        var answer = RareEarthAnswer.From(2030, []);
        Assert.Equal((0, 0), (answer.XevUnitsPlaced, answer.HreFreeXevUnits));
        Assert.Null(answer.HreFreeShare);
    }

    // ---- KpiRates --------------------------------------------------------------------------------------------

    [Fact]
    public void A_rate_is_null_for_a_zero_denominator_even_with_a_zero_numerator()
    {
        // 0/0 and 5/0 → null; 0/5 → 0; 1/4 → 0.25.
        Assert.Null(KpiRates.Of(0m, 0m));
        Assert.Null(KpiRates.Of(5m, 0m));
        Assert.Equal(0.0, KpiRates.Of(0m, 5m));
        Assert.Equal(0.25, KpiRates.Of(1m, 4m));
    }

    // ---- KpiCatalog / KpiTargets -----------------------------------------------------------------------------

    [Fact]
    public void The_catalog_names_twelve_KPIs()
    {
        // 3 plastics + 4 recovery efficiencies + 4 recycled contents + 1 rare earth = 12, all distinct.
        Assert.Equal(12, KpiCatalog.Names.Count);
        Assert.Equal(12, KpiCatalog.Names.Distinct().Count());
        Assert.Equal(
            [
                "plastics.effectiveUtilizationRate", "plastics.recyclingRate", "plastics.biomassPlacedOnMarketKg",
                "battery.recoveryEfficiency.Li", "battery.recoveryEfficiency.Co", "battery.recoveryEfficiency.Ni",
                "battery.recoveryEfficiency.Cu",
                "battery.recycledContent.Co", "battery.recycledContent.Li", "battery.recycledContent.Ni",
                "battery.recycledContent.Pb",
                "rareEarth.hreFreeShare",
            ],
            KpiCatalog.Names);
    }

    [Fact]
    public void Catalog_values_come_in_the_order_of_the_names()
    {
        // Plastics: waste 100 kg (MR 40) → utilization 0.4, recycling 0.4, biomass 7. Battery: Co recovery 38/40 = 0.95.
        // Rare earth: 1 of 4 = 0.25. Everything else null.
        var plastics = PlasticsAnswer.From(2030,
        [
            new(KpiMeasure.PlasticWaste, "MaterialRecycling", 40m, 0m),
            new(KpiMeasure.PlasticWaste, "Landfill", 60m, 0m),
            new(KpiMeasure.PlasticPlaced, "*", 7m, 70m),
        ]);
        var battery = BatteryAnswer.From(2030, [new(KpiMeasure.BatteryRecovery, "Co", 38m, 40m)]);
        var rareEarth = RareEarthAnswer.From(2030, [new(KpiMeasure.XevPlaced, "*", 1m, 4m)]);

        var values = KpiCatalog.ValuesOf(plastics, battery, rareEarth);

        Assert.Equal(KpiCatalog.Names, values.Select(v => v.Kpi));
        Assert.Equal(
            [0.4, 0.4, 7.0, null, 0.95, null, null, null, null, null, null, 0.25],
            values.Select(v => v.Value));
    }

    private static KpiTarget Target(string kpi, int year, double value) => new(kpi, year, value, "ratio", "test", "verified");

    private static readonly KpiTargets Targets = new("test-1",
    [
        // Given out of order on purpose: AheadOf orders by year.
        Target(KpiCatalog.EffectiveUtilizationRate, 2035, 1.0),
        Target(KpiCatalog.EffectiveUtilizationRate, 2025, 0.6),
        Target(KpiCatalog.EffectiveUtilizationRate, 2030, 0.8),
        Target(KpiCatalog.RecycledContent("Co"), 2031, 0.16),
    ]);

    [Theory]
    [InlineData(2020, 2025)] // 2025 is the first due in or after 2020.
    [InlineData(2025, 2025)] // due in the year itself.
    [InlineData(2026, 2030)] // 2025 is past; 2030 is next.
    [InlineData(2030, 2030)]
    [InlineData(2031, 2035)]
    [InlineData(2040, 2035)] // none due in or after 2040 → the last one, 2035.
    public void A_year_is_measured_against_the_first_target_due_in_or_after_it_else_the_last(int year, int targetYear)
    {
        var target = Targets.AheadOf(KpiCatalog.EffectiveUtilizationRate, year);
        Assert.NotNull(target);
        Assert.Equal(targetYear, target.Year);
        Assert.Equal(KpiCatalog.EffectiveUtilizationRate, target.Kpi);
    }

    [Fact]
    public void A_KPI_with_no_target_has_none_ahead()
    {
        Assert.Null(Targets.AheadOf(KpiCatalog.RecyclingRate, 2030));
        Assert.Null(Targets.AheadOf(KpiCatalog.RecycledContent("Li"), 2030));
    }

    [Fact]
    public void Targets_with_a_prefix_are_ordered_by_KPI_then_year()
    {
        var plastics = Targets.WithPrefix(KpiCatalog.PlasticsPrefix);
        Assert.Equal([2025, 2030, 2035], plastics.Select(t => t.Year));
        Assert.Equal([KpiCatalog.RecycledContent("Co")], Targets.WithPrefix(KpiCatalog.BatteryPrefix).Select(t => t.Kpi));
        Assert.Empty(Targets.WithPrefix(KpiCatalog.RareEarthPrefix));
    }
}

using Registry.Domain.Lots;
using Registry.Domain.SupplyRisk;
using Registry.Domain.Transformations;
using static Registry.Domain.Tests.LotFixtures;
using Sources = Registry.Domain.Materials.Provenance;

namespace Registry.Domain.Tests;

public sealed class SupplyRiskTests
{
    private const double Tolerance = 1e-9;

    // ---- building blocks -------------------------------------------------------------------------------------

    private static Dictionary<string, decimal> Shares(params (string Key, decimal Value)[] shares) =>
        shares.ToDictionary(s => s.Key, s => s.Value);

    /// <summary>A registered lot (LotFixtures) with the composition and provenance SupplyFacts reads.</summary>
    private static Lot LotOf(
        decimal massKg, Dictionary<string, decimal> composition, Dictionary<string, Dictionary<string, decimal>> provenance) =>
        Registered(massKg) with { Id = Guid.NewGuid(), Composition = composition, Provenance = provenance };

    /// <summary>100 kg, Dy 0.8; Dy from CN 0.5 / MM 0.5, everything else ("*") from JP.</summary>
    private static Lot MagnetLot(decimal massKg = 100m) =>
        LotOf(massKg, Shares(("Dy", 0.8m)), new()
        {
            ["Dy"] = Shares(("CN", 0.5m), ("MM", 0.5m)),
            ["*"] = Shares(("JP", 1m)),
        });

    private static LotTransferred Transfer(Lot lot, string from, string to, decimal massKg) =>
        new(lot.Id, Maker.OrganizationId, Recycler.OrganizationId, from, to, massKg, T0);

    private static TransformationRecorded Transformation(TransformationProcess process, params (Lot Lot, decimal Kg)[] inputs)
    {
        var ins = inputs.Select(i => new TransformationInput(i.Lot.Id, i.Kg)).ToList();
        var inputKg = ins.Sum(i => i.MassKg);
        return new(Guid.NewGuid(), Maker.OrganizationId, process, ins, [], inputKg, 0m, inputKg, T0);
    }

    private static void Near(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected, actual!.Value, Tolerance);
    }

    /// <summary>
    /// Global Dy: CN 70 / MM 20 / AU 10 t of a world 100 t; WGI CN 6, MM 8, AU 1, VN 5, JP 1.5; SI Dy 0.99.
    /// </summary>
    private static SupplyReference Reference() => new(
        new Dictionary<string, GlobalProduction>
        {
            ["Dy"] = new("Dy", 2024, Shares(("CN", 70m), ("MM", 20m), ("AU", 10m)), 100m, "test global production"),
        },
        new Dictionary<string, double> { ["CN"] = 6, ["MM"] = 8, ["AU"] = 1, ["VN"] = 5, ["JP"] = 1.5 },
        "test WGI",
        new Dictionary<string, (double Value, string Source)> { ["Dy"] = (0.99, "test") });

    /// <summary>Global HHI_WGI of the reference: 0.7²·6 + 0.2²·8 + 0.1²·1 = 2.94 + 0.32 + 0.01 = 3.27.</summary>
    private const double GlobalHhiWgi = 3.27;

    /// <summary>
    /// Entering CN 100, MM 20, VN 40, JP 10 (primary 170 kg) and recycled:post 5; 40 kg exported;
    /// manufacturing consumed CN 72 + recycled:post 8 = 80 kg.
    /// </summary>
    private static SupplyChainMasses Masses(
        Dictionary<string, decimal>? entering = null, decimal exportedKg = 40m, Dictionary<string, decimal>? manufacturing = null) =>
        new(
            entering ?? Shares(("CN", 100m), ("MM", 20m), ("VN", 40m), ("JP", 10m), (Sources.RecycledPost, 5m)),
            exportedKg,
            manufacturing ?? Shares(("CN", 72m), (Sources.RecycledPost, 8m)));

    // ---- SupplyFacts.SourcesOf -------------------------------------------------------------------------------

    [Fact]
    public void Sources_of_a_lot_split_bulk_and_each_element_by_their_provenance()
    {
        // 100 kg: "*" JP 100 × 1 = 100; Dy = 100 × 0.8 = 80 kg → CN 80 × 0.5 = 40, MM 80 × 0.5 = 40.
        var sources = SupplyFacts.SourcesOf(MagnetLot(), 100m);

        Assert.Equal(
            [new ComponentSource("*", "JP", 100m), new ComponentSource("Dy", "CN", 40m), new ComponentSource("Dy", "MM", 40m)],
            sources);
    }

    [Fact]
    public void An_element_without_its_own_distribution_takes_the_bulk_one()
    {
        // 200 kg, Dy 0.1 (own: CN 1), Nd 0.3 (none: takes "*" JP 0.6 / recycled:post 0.4).
        // "*": JP 200 × 0.6 = 120, recycled:post 200 × 0.4 = 80; Dy: 20 × 1 = 20 CN;
        // Nd: 60 kg → JP 60 × 0.6 = 36, recycled:post 60 × 0.4 = 24.
        var lot = LotOf(200m, Shares(("Dy", 0.1m), ("Nd", 0.3m)), new()
        {
            ["Dy"] = Shares(("CN", 1m)),
            ["*"] = Shares(("JP", 0.6m), (Sources.RecycledPost, 0.4m)),
        });

        var sources = SupplyFacts.SourcesOf(lot, 200m);

        Assert.Equal(
            [
                new ComponentSource("*", "JP", 120m), new ComponentSource("*", Sources.RecycledPost, 80m),
                new ComponentSource("Dy", "CN", 20m),
                new ComponentSource("Nd", "JP", 36m), new ComponentSource("Nd", Sources.RecycledPost, 24m),
            ],
            sources);
    }

    [Fact]
    public void Sources_with_zero_mass_are_dropped()
    {
        // 100 kg, Dy 0 and Nd 0.3, "*" JP 1 / CN 0: "*" JP 100 (CN 100 × 0 = 0 dropped),
        // Dy 0 kg dropped entirely, Nd JP 30 (CN 30 × 0 = 0 dropped).
        var lot = LotOf(100m, Shares(("Dy", 0m), ("Nd", 0.3m)), new() { ["*"] = Shares(("JP", 1m), ("CN", 0m)) });

        var sources = SupplyFacts.SourcesOf(lot, 100m);

        Assert.Equal([new ComponentSource("*", "JP", 100m), new ComponentSource("Nd", "JP", 30m)], sources);
    }

    [Fact]
    public void Sources_are_scaled_to_the_mass_asked_for_not_the_lots_mass()
    {
        // 50 kg of the 100 kg lot: "*" JP 50; Dy 50 × 0.8 = 40 → CN 20, MM 20.
        var sources = SupplyFacts.SourcesOf(MagnetLot(), 50m);

        Assert.Equal(
            [new ComponentSource("*", "JP", 50m), new ComponentSource("Dy", "CN", 20m), new ComponentSource("Dy", "MM", 20m)],
            sources);
    }

    // ---- SupplyFacts.OfTransfer ------------------------------------------------------------------------------

    [Fact]
    public void A_transfer_within_one_country_gives_no_supply_flows()
    {
        var lot = MagnetLot();
        Assert.Empty(SupplyFacts.OfTransfer(Transfer(lot, "JP", "JP", 100m), lot, "JP"));
    }

    [Fact]
    public void The_senders_country_not_a_declared_from_country_decides_whether_the_lot_crossed_a_border()
    {
        // A Japanese holder declares fromCountry CN for a lot it holds in Japan (already counted as entering JP)
        // and sends it to JP: no import, so the Dy cannot enter Japan twice.
        var lot = MagnetLot();
        Assert.Empty(SupplyFacts.OfTransfer(Transfer(lot, "CN", "JP", 100m), lot, "JP"));
    }

    [Fact]
    public void Waste_crossing_a_border_is_scrap_not_supply()
    {
        // Post-consumer magnets shipped JP → DE for recycling: no import and no export.
        var lot = MagnetLot();
        Assert.Empty(SupplyFacts.OfTransfer(Transfer(lot, "JP", "DE", 100m) with { WasteKind = WasteKind.PostConsumer }, lot, "JP"));
    }

    [Fact]
    public void A_cross_border_transfer_exports_from_the_sender_and_imports_into_the_receiver_for_every_source()
    {
        // The event moves 25 kg of the 100 kg lot JP → DE: "*" JP 25; Dy 25 × 0.8 = 20 → CN 10, MM 10.
        // Each of the three sources gives an Export row for JP and an Import row for DE.
        var lot = MagnetLot();

        var flows = SupplyFacts.OfTransfer(Transfer(lot, "JP", "DE", 25m), lot, "JP");

        ComponentSource bulk = new("*", "JP", 25m), dyCn = new("Dy", "CN", 10m), dyMm = new("Dy", "MM", 10m);
        Assert.Equal(
            [
                new SupplyFlow(SupplyFlowKind.Export, "JP", bulk), new SupplyFlow(SupplyFlowKind.Import, "DE", bulk),
                new SupplyFlow(SupplyFlowKind.Export, "JP", dyCn), new SupplyFlow(SupplyFlowKind.Import, "DE", dyCn),
                new SupplyFlow(SupplyFlowKind.Export, "JP", dyMm), new SupplyFlow(SupplyFlowKind.Import, "DE", dyMm),
            ],
            flows);
    }

    // ---- SupplyFacts.OfTransformation ------------------------------------------------------------------------

    [Fact]
    public void Manufacturing_gives_one_flow_in_the_country_per_component_and_source_of_the_consumed_mass()
    {
        // Inputs: 50 kg of the magnet lot ("*" JP 50; Dy 40 → CN 20, MM 20) and 20 kg of a lot all from CN
        // with no composition ("*" CN 20). Every row is a Manufacturing flow in JP.
        var magnet = MagnetLot();
        var steel = LotOf(300m, [], Sources.FromOrigin("CN"));
        var lots = new Dictionary<Guid, Lot> { [magnet.Id] = magnet, [steel.Id] = steel };

        var flows = SupplyFacts.OfTransformation(
            Transformation(TransformationProcess.Manufacturing, (magnet, 50m), (steel, 20m)), "JP", lots);

        Assert.Equal(
            [
                new SupplyFlow(SupplyFlowKind.Manufacturing, "JP", new("*", "JP", 50m)),
                new SupplyFlow(SupplyFlowKind.Manufacturing, "JP", new("Dy", "CN", 20m)),
                new SupplyFlow(SupplyFlowKind.Manufacturing, "JP", new("Dy", "MM", 20m)),
                new SupplyFlow(SupplyFlowKind.Manufacturing, "JP", new("*", "CN", 20m)),
            ],
            flows);
    }

    [Theory]
    [InlineData(TransformationProcess.Refining)]
    [InlineData(TransformationProcess.Dismantling)]
    [InlineData(TransformationProcess.MaterialRecycling)]
    [InlineData(TransformationProcess.ChemicalRecycling)]
    public void Transformations_other_than_manufacturing_give_no_supply_flows(TransformationProcess process)
    {
        var magnet = MagnetLot();
        var lots = new Dictionary<Guid, Lot> { [magnet.Id] = magnet };

        Assert.Empty(SupplyFacts.OfTransformation(Transformation(process, (magnet, 50m)), "JP", lots));
    }

    // ---- SupplyRiskFormula.Score -----------------------------------------------------------------------------

    [Fact]
    public void Score_follows_the_worked_example()
    {
        // IR = 120/130 → IR/2 = 60/130 = 0.461538..., 1 − IR/2 = 70/130 = 0.538461...
        // (3.27 × 0.461538... + 2.468858... × 0.538461...) = 1.509230... + 1.329385... = 2.838616...
        // × (1 − 0.1) × 0.99 = 2.838616... × 0.891 = 2.529206782...
        var score = SupplyRiskFormula.Score(GlobalHhiWgi, 71350.0 / 28900, 120.0 / 130, 0.1, 0.99);

        Assert.Equal(2.5292067820069204, score, 9);
    }

    [Fact]
    public void Score_with_no_import_reliance_uses_the_sourcing_concentration_only()
    {
        // IR = 0: (4 × 0 + 2 × 1) × (1 − 0.5) × 0.8 = 2 × 0.5 × 0.8 = 0.8; the global 4 has no weight.
        Assert.Equal(0.8, SupplyRiskFormula.Score(4, 2, 0, 0.5, 0.8), Tolerance);
    }

    [Fact]
    public void Score_with_full_import_reliance_weighs_global_and_sourcing_equally()
    {
        // IR = 1: (3 × ½ + 1 × ½) × (1 − 0) × 1 = 2.
        Assert.Equal(2.0, SupplyRiskFormula.Score(3, 1, 1, 0, 1), Tolerance);
    }

    // ---- SupplyRiskFormula.HhiWgi ----------------------------------------------------------------------------

    [Fact]
    public void HhiWgi_is_the_sum_of_squared_shares_times_wgi()
    {
        // 0.5² × 6 + 0.3² × 2 + 0.2² × 10 = 1.5 + 0.18 + 0.4 = 2.08.
        var missing = new List<string>();
        var hhiWgi = SupplyRiskFormula.HhiWgi(
            new Dictionary<string, double> { ["CN"] = 0.5, ["JP"] = 0.3, ["MM"] = 0.2 },
            new Dictionary<string, double> { ["CN"] = 6, ["JP"] = 2, ["MM"] = 10, ["AU"] = 1 },
            missing, "sourcing");

        Near(2.08, hhiWgi);
        Assert.Empty(missing);
    }

    [Fact]
    public void HhiWgi_is_null_with_a_reason_when_a_country_has_no_wgi()
    {
        var missing = new List<string>();
        var hhiWgi = SupplyRiskFormula.HhiWgi(
            new Dictionary<string, double> { ["CN"] = 0.6, ["XX"] = 0.4 },
            new Dictionary<string, double> { ["CN"] = 6 },
            missing, "sourcing");

        Assert.Null(hhiWgi);
        Assert.Equal(["sourcing: no WGI for XX"], missing);
    }

    [Fact]
    public void HhiWgi_names_every_country_without_wgi_in_ordinal_order()
    {
        var missing = new List<string>();
        var hhiWgi = SupplyRiskFormula.HhiWgi(
            new Dictionary<string, double> { ["ZW"] = 0.5, ["CN"] = 0.3, ["DE"] = 0.2 },
            new Dictionary<string, double> { ["CN"] = 6 },
            missing, "global production");

        Assert.Null(hhiWgi);
        Assert.Equal(["global production: no WGI for DE, ZW"], missing);
    }

    // ---- SupplyRiskFormula.Assess ----------------------------------------------------------------------------

    [Fact]
    public void Assess_computes_every_figure_of_the_worked_example()
    {
        // Primary entering (countries only, recycled:post 5 excluded): CN 100, VN 40, MM 20, JP 10 = 170 kg.
        // HHI = (100² + 40² + 20² + 10²)/170² × 100² = 12100/28900 × 10000 = 4186.85...
        // HHI_WGI sourcing = (100²·6 + 40²·5 + 20²·8 + 10²·1.5)/170² = (60000 + 8000 + 3200 + 150)/28900 = 71350/28900.
        // Imported = 170 − JP 10 = 160; apparent consumption = 10 + 160 − 40 exported = 130;
        // IR = (160 − 40)/130 = 120/130. EoL-RIR = 8/(72 + 8) = 0.1. SR = 2.5292067820069204 (Score's worked example).
        var answer = SupplyRiskFormula.Assess("Dy", 2025, "JP", Masses(), Reference());

        Assert.Equal(("Dy", 2025, "JP"), (answer.Element, answer.Year, answer.ImportingCountry));
        Assert.Equal(["CN", "VN", "MM", "JP"], answer.Sourcing.Select(s => s.Country));
        Assert.Equal([100m, 40m, 20m, 10m], answer.Sourcing.Select(s => s.MassKg));
        Assert.Equal(100.0 / 170, answer.Sourcing[0].Share, Tolerance);
        Assert.Equal(40.0 / 170, answer.Sourcing[1].Share, Tolerance);
        Assert.Equal(12100.0 / 28900 * 10000, answer.Hhi, Tolerance);
        Assert.Equal("CN", answer.TopCountry);
        Near(100.0 / 170, answer.TopShare);
        Near(71350.0 / 28900, answer.HhiWgiSourcing);
        Near(GlobalHhiWgi, answer.HhiWgiGlobal);
        Near(120.0 / 130, answer.ImportReliance);
        Near(0.1, answer.EolRir);
        Near(0.99, answer.SubstitutionIndex);
        Assert.NotNull(answer.SupplyRisk);
        Assert.Equal(2.5292067820069204, answer.SupplyRisk!.Value, 9);
        Assert.Empty(answer.Missing);
        Assert.Equal(["test global production", "test WGI", "test"], answer.ReferenceSources);
    }

    [Fact]
    public void Assess_with_no_primary_mass_entering_has_no_sourcing_and_no_supply_risk()
    {
        // Only recycled mass entered: no primary → no shares, HHI 0, no top country; with nothing exported the
        // apparent consumption is 0 as well, so IR is unknown too.
        var answer = SupplyRiskFormula.Assess(
            "Dy", 2025, "JP", Masses(entering: Shares((Sources.RecycledPost, 5m)), exportedKg: 0m), Reference());

        Assert.Empty(answer.Sourcing);
        Assert.Equal(0.0, answer.Hhi);
        Assert.Null(answer.TopCountry);
        Assert.Null(answer.TopShare);
        Assert.Null(answer.HhiWgiSourcing);
        Near(GlobalHhiWgi, answer.HhiWgiGlobal);
        Assert.Null(answer.ImportReliance);
        Assert.Null(answer.SupplyRisk);
        Assert.Contains(answer.Missing, m => m.Contains("no primary") && m.Contains("Dy"));
        Assert.Contains("no primary Dy entered JP's supply chain in 2025", answer.Missing);
    }

    [Fact]
    public void Assess_with_no_manufacturing_has_no_eol_rir_and_no_supply_risk()
    {
        var answer = SupplyRiskFormula.Assess("Dy", 2025, "JP", Masses(manufacturing: []), Reference());

        Assert.Null(answer.EolRir);
        Assert.Null(answer.SupplyRisk);
        Assert.Equal(["no Dy entered manufacturing in JP in 2025"], answer.Missing);
        // The other figures are still there.
        Near(120.0 / 130, answer.ImportReliance);
        Near(71350.0 / 28900, answer.HhiWgiSourcing);
    }

    [Fact]
    public void Assess_clamps_import_reliance_to_zero_when_exports_exceed_imports()
    {
        // Entering JP 100, CN 20; 50 exported: imported 20, consumption 100 + 20 − 50 = 70,
        // IR = (20 − 50)/70 = −0.43 → clamped to 0. Sourcing JP 100/120, CN 20/120:
        // HHI_WGI = (100²·1.5 + 20²·6)/120² = (15000 + 2400)/14400 = 17400/14400.
        // SR = (0 + 17400/14400 × 1) × (1 − 0.1) × 0.99.
        var answer = SupplyRiskFormula.Assess(
            "Dy", 2025, "JP", Masses(entering: Shares(("JP", 100m), ("CN", 20m)), exportedKg: 50m), Reference());

        Near(0.0, answer.ImportReliance);
        Near(17400.0 / 14400, answer.HhiWgiSourcing);
        Near(17400.0 / 14400 * 0.9 * 0.99, answer.SupplyRisk);
        Assert.Empty(answer.Missing);
    }

    [Theory]
    [InlineData(50)]   // consumption 0 + 50 − 50 = 0
    [InlineData(80)]   // consumption 0 + 50 − 80 = −30
    public void Assess_has_no_import_reliance_when_apparent_consumption_is_not_positive(int exportedKg)
    {
        var answer = SupplyRiskFormula.Assess(
            "Dy", 2025, "JP", Masses(entering: Shares(("CN", 50m)), exportedKg: exportedKg), Reference());

        Assert.Null(answer.ImportReliance);
        Assert.Null(answer.SupplyRisk);
        Assert.Equal(["no apparent consumption of primary Dy in JP in 2025"], answer.Missing);
        // Sourcing is all CN: HHI = 100² = 10000, HHI_WGI = 1² × 6 = 6.
        Assert.Equal(10000.0, answer.Hhi, Tolerance);
        Near(6.0, answer.HhiWgiSourcing);
    }

    [Fact]
    public void Assess_of_an_element_missing_from_the_reference_data_has_no_global_concentration_nor_substitution_index()
    {
        var answer = SupplyRiskFormula.Assess("Tb", 2025, "JP", Masses(), Reference());

        Assert.Null(answer.HhiWgiGlobal);
        Assert.Null(answer.SubstitutionIndex);
        Assert.Null(answer.SupplyRisk);
        Assert.Equal(
            ["no global production shares for Tb in the reference data", "no substitution index for Tb in the reference data"],
            answer.Missing);
        // The registry figures do not depend on them; only the WGI source was used.
        Near(71350.0 / 28900, answer.HhiWgiSourcing);
        Near(120.0 / 130, answer.ImportReliance);
        Assert.Equal(["test WGI"], answer.ReferenceSources);
    }

    [Fact]
    public void Assess_has_no_sourcing_concentration_when_a_sourcing_country_has_no_wgi()
    {
        // DE has no WGI in the reference: HHI_WGI sourcing and SR are unknown; HHI itself is still computed:
        // CN 100, DE 100 → (50² + 50²) = 5000.
        var answer = SupplyRiskFormula.Assess(
            "Dy", 2025, "JP", Masses(entering: Shares(("CN", 100m), ("DE", 100m)), exportedKg: 0m), Reference());

        Assert.Null(answer.HhiWgiSourcing);
        Assert.Null(answer.SupplyRisk);
        Assert.Equal(5000.0, answer.Hhi, Tolerance);
        Assert.Equal(["sourcing: no WGI for DE"], answer.Missing);
        Near(1.0, answer.ImportReliance);
    }
}

using System.Text.Json.Nodes;
using Registry.Api.ReferenceData;
using Registry.Domain.Kpis;
using Registry.Domain.SupplyRisk;

namespace Registry.IntegrationTests;

/// <summary>The versioned reference data files: the shipped ones load, a broken one stops the start with the reason.</summary>
public sealed class ReferenceDataTests
{
    [Fact]
    public void The_shipped_targets_load_with_a_version_and_a_source_for_every_figure()
    {
        var targets = ReferenceDataFiles.LoadKpiTargets(Shipped(ReferenceDataFiles.KpiTargetsFile));
        Assert.False(string.IsNullOrWhiteSpace(targets.Version));
        Assert.All(targets.Targets, t => Assert.False(string.IsNullOrWhiteSpace(t.Source)));
        Assert.Equal(new KpiTarget("plastics.effectiveUtilizationRate", 2035, 1.0, "fraction", targets.Targets[0].Source, "V"), targets.Targets[0]);
        Assert.Equal(0.95, targets.AheadOf(KpiCatalog.RecoveryEfficiency("Co"), 2030)!.Value);
    }

    [Fact]
    public void The_shipped_supply_risk_figures_load_with_their_sources()
    {
        var reference = SupplyRiskReferenceFile.Load(Shipped(SupplyRiskReferenceFile.Name));
        Assert.Equal(1.0, reference.SupplyRiskThreshold);
        Assert.Equal(["C", "Co", "Dy", "Li", "Nd", "Ni", "REE", "Tb"], reference.Figures.GlobalProduction.Keys.Order(StringComparer.Ordinal));
        Assert.All(reference.Figures.GlobalProduction.Values, p => Assert.All(p.Shares.Keys, c => Assert.True(reference.Figures.Wgi.ContainsKey(c))));
        Assert.Contains("Worldwide Governance Indicators", reference.Figures.WgiSource);
        Assert.Equal(0.99, reference.Figures.SubstitutionIndex["Dy"].Value);
    }

    [Fact]
    public void The_eu_2023_supply_risk_of_dysprosium_is_reproduced_from_the_studys_inputs()
    {
        // EU CRM study 2023 (Grohol & Veeh), dysprosium at its bottleneck stage (processing): global supply and EU
        // sourcing China 100%, WGI China 5.679 (WGI 2021 update, 2016-2020 mean, rescaled (2.5 − mean) × 2), t = 1;
        // IR 1.00, EoL-RIR 0.01, SI 0.99 (the shipped euAssessment2023 row). Fed through the whole assessment:
        // 100 kg of Chinese Dy entering "the EU" (here BE) from abroad gives IR 1; manufacturing 99 kg primary + 1 kg
        // recycled:post gives EoL-RIR 0.01. HHI_WGI = 1² × 5.679 for both; SR = 5.679 × (1 − 0.01) × 0.99 = 5.566,
        // published 5.6.
        var row = JsonNode.Parse(File.ReadAllText(Shipped(SupplyRiskReferenceFile.Name)))!["euAssessment2023"]!.AsArray()
            .Single(r => r!["element"]!.GetValue<string>() == "Dy")!;
        double Input(string name) => row[name]!.GetValue<double>();
        var chinaWgi = Input("hhiWgiGlobal"); // China's share is 1, so HHI_WGI is China's WGI
        var reference = new SupplyReference(
            new Dictionary<string, GlobalProduction> { ["Dy"] = new("Dy", 2020, new Dictionary<string, decimal> { ["CN"] = 1m }, 1m, "EU 2023") },
            new Dictionary<string, double> { ["CN"] = chinaWgi }, "WGI 2021 update",
            new Dictionary<string, (double, string)> { ["Dy"] = (Input("substitutionIndex"), "EU 2023") });
        var masses = new SupplyChainMasses(
            new Dictionary<string, decimal> { ["CN"] = 100m }, 0m,
            new Dictionary<string, decimal> { ["CN"] = 99m, ["recycled:post"] = 1m });

        var assessed = SupplyRiskFormula.Assess("Dy", 2020, "BE", masses, reference);

        Assert.Equal((Input("importReliance"), Input("eolRir")), (assessed.ImportReliance, assessed.EolRir));
        Assert.Equal(5.679 * 0.99 * 0.99, assessed.SupplyRisk!.Value, 9);
        Assert.Equal(Input("supplyRisk"), Math.Round(assessed.SupplyRisk.Value, 1));
    }

    [Fact]
    public void A_supply_risk_file_with_missing_sections_or_repeated_figures_is_refused_naming_each_problem()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            { "version": "test", "globalProduction": [
                { "element": "Co", "year": 2024, "status": "V2", "source": "x", "worldTotal": 10, "countries": { "CD": 11 } },
                { "element": "Co", "year": 2024, "status": "V2", "source": "x", "worldTotal": 10, "countries": null } ],
              "thresholds": { "supplyRisk": 1, "source": "x" } }
            """);
        var error = Assert.Throws<InvalidOperationException>(() => SupplyRiskReferenceFile.Load(path));
        Assert.Contains("globalProduction, wgi.countries and substitutionIndex are required", error.Message);
        Assert.Contains("globalProduction has Co 2024 more than once", error.Message);
        Assert.Contains("globalProduction[0]: countries (non-negative tonnes) must add up to at most worldTotal > 0", error.Message);
        Assert.Contains("globalProduction[1]: countries", error.Message);
        File.Delete(path);
    }

    private static string Shipped(string file) => Path.Combine(AppContext.BaseDirectory, "reference-data", file);

    [Fact]
    public void A_target_file_with_an_unknown_kpi_no_source_a_bad_status_or_a_repeated_year_is_refused_naming_each_problem()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            { "version": "test", "targets": [
              { "kpi": "plastics.happiness", "year": 2030, "value": 1, "unit": "fraction", "status": "V", "source": "x" },
              { "kpi": "rareEarth.hreFreeShare", "year": 2030, "value": 0.5, "unit": "fraction", "status": "V", "source": " " },
              { "kpi": "rareEarth.hreFreeShare", "year": 2030, "value": 0.6, "unit": "fraction", "status": "maybe", "source": "y" } ] }
            """);
        var error = Assert.Throws<InvalidOperationException>(() => ReferenceDataFiles.LoadKpiTargets(path));
        Assert.Contains("targets[0].kpi 'plastics.happiness' is not a KPI", error.Message);
        Assert.Contains("targets[1].source is missing", error.Message);
        Assert.Contains("targets[2].status must be one of V, V2, D, UNVERIFIED", error.Message);
        Assert.Contains("rareEarth.hreFreeShare has more than one target for 2030", error.Message);
        File.Delete(path);
    }

    [Fact]
    public void A_missing_or_malformed_file_is_refused_with_its_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");
        Assert.Contains(missing, Assert.Throws<InvalidOperationException>(() => ReferenceDataFiles.LoadKpiTargets(missing)).Message);

        var malformed = Path.GetTempFileName();
        File.WriteAllText(malformed, "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidOperationException>(() => ReferenceDataFiles.LoadKpiTargets(malformed)).Message);
        File.Delete(malformed);
    }
}

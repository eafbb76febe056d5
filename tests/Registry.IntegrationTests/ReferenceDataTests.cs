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
        // EU CRM study 2023 (Grohol & Veeh), dysprosium at its bottleneck stage (processing): global supply China
        // 100%, WGI China 5.679 (WGI 2021 update, 2016-2020 mean, rescaled (2.5 − mean) × 2), t = 1, so
        // HHI_WGI,global = HHI_WGI,EU sourcing = 1² × 5.679; IR 1.00, EoL-RIR 0.01, SI 0.99.
        // SR = (5.679 × 1/2 + 5.679 × (1 − 1/2)) × (1 − 0.01) × 0.99 = 5.679 × 0.9801 = 5.566, published 5.6.
        var dysprosium = JsonNode.Parse(File.ReadAllText(Shipped(SupplyRiskReferenceFile.Name)))!["euAssessment2023"]!.AsArray()
            .Single(r => r!["element"]!.GetValue<string>() == "Dy")!;
        double Input(string name) => dysprosium[name]!.GetValue<double>();

        var score = SupplyRiskFormula.Score(
            Input("hhiWgiGlobal"), Input("hhiWgiEuSourcing"), Input("importReliance"), Input("eolRir"), Input("substitutionIndex"));

        Assert.Equal(5.679 * 0.9801, score, 9);
        Assert.Equal(Input("supplyRisk"), Math.Round(score, 1));
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

using Registry.Api.ReferenceData;
using Registry.Domain.Kpis;

namespace Registry.IntegrationTests;

/// <summary>The versioned reference data files: the shipped ones load, a broken one stops the start with the reason.</summary>
public sealed class ReferenceDataTests
{
    [Fact]
    public void The_shipped_targets_load_with_a_version_and_a_source_for_every_figure()
    {
        var targets = ReferenceDataFiles.LoadKpiTargets(Path.Combine(AppContext.BaseDirectory, "reference-data", ReferenceDataFiles.KpiTargetsFile));
        Assert.False(string.IsNullOrWhiteSpace(targets.Version));
        Assert.All(targets.Targets, t => Assert.False(string.IsNullOrWhiteSpace(t.Source)));
        Assert.Equal(new KpiTarget("plastics.effectiveUtilizationRate", 2035, 1.0, "fraction", targets.Targets[0].Source, "V"), targets.Targets[0]);
        Assert.Equal(0.95, targets.AheadOf(KpiCatalog.RecoveryEfficiency("Co"), 2030)!.Value);
    }

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

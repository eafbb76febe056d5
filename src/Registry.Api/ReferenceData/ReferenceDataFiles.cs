using System.Text.Json;
using Registry.Domain.Kpis;

namespace Registry.Api.ReferenceData;

/// <summary>
/// Versioned reference data (targets, and later supply-risk figures), read once at start from JSON files in
/// <c>Registry:ReferenceDataDirectory</c> (default: <c>reference-data</c> beside the binaries, copied from the
/// repository's <c>reference-data/</c>). Replacing a file and restarting changes the figures, not the code.
/// A file that does not hold together stops the start with the reason.
/// </summary>
public static class ReferenceDataFiles
{
    public const string KpiTargetsFile = "kpi-targets.json";
    /// <summary>How well a figure was checked (../shared/reference-data legend): primary, secondary, derived, not yet.</summary>
    internal static readonly string[] Statuses = ["V", "V2", "D", "UNVERIFIED"];

    public static IServiceCollection AddReferenceData(this IServiceCollection services, IConfiguration configuration)
    {
        var directory = configuration["Registry:ReferenceDataDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "reference-data");
        services.AddSingleton(LoadKpiTargets(Path.Combine(directory, KpiTargetsFile)));
        services.AddSingleton(SupplyRiskReferenceFile.Load(Path.Combine(directory, SupplyRiskReferenceFile.Name)));
        return services;
    }

    public static KpiTargets LoadKpiTargets(string path)
    {
        var file = Read<KpiTargetsDocument>(path);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version)) problems.Add("version is missing");
        if (file.Targets is null) problems.Add("targets is missing");
        foreach (var (t, i) in (file.Targets ?? []).Select((t, i) => (t, i)))
        {
            if (!KpiCatalog.Names.Contains(t.Kpi)) problems.Add($"targets[{i}].kpi '{t.Kpi}' is not a KPI ({string.Join(", ", KpiCatalog.Names)})");
            if (t.Year is < 1900 or > 2200) problems.Add($"targets[{i}].year {t.Year} is out of range");
            if (!double.IsFinite(t.Value) || t.Value < 0) problems.Add($"targets[{i}].value must be a finite non-negative number");
            if (string.IsNullOrWhiteSpace(t.Source)) problems.Add($"targets[{i}].source is missing: every figure names its source");
            if (string.IsNullOrWhiteSpace(t.Unit)) problems.Add($"targets[{i}].unit is missing");
            if (!Statuses.Contains(t.Status)) problems.Add($"targets[{i}].status must be one of {string.Join(", ", Statuses)}");
        }
        foreach (var twice in (file.Targets ?? []).GroupBy(t => (t.Kpi, t.Year)).Where(g => g.Count() > 1))
            problems.Add($"{twice.Key.Kpi} has more than one target for {twice.Key.Year}");
        RefuseIfAny(path, problems);
        return new KpiTargets(file.Version!, file.Targets!);
    }

    internal static void RefuseIfAny(string path, List<string> problems)
    {
        if (problems.Count > 0)
            throw new InvalidOperationException($"Reference data {path} is not valid: {string.Join("; ", problems)}.");
    }

    internal static T Read<T>(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"Reference data {path} is missing (set Registry:ReferenceDataDirectory).");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonSerializerOptions.Web)
                   ?? throw new InvalidOperationException($"Reference data {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Reference data {path} is not valid JSON: {e.Message}", e);
        }
    }

    private sealed record KpiTargetsDocument(string? Version, List<KpiTarget>? Targets);
}

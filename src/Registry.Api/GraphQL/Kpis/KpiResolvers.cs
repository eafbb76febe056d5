using System.Security.Claims;
using GraphQL;
using Registry.Api.Auth;
using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Projections.Kpis;

namespace Registry.Api.GraphQL.Kpis;

/// <summary>
/// National KPIs, for ministries and admins: aggregates over every company's lots could otherwise reveal one
/// company's figures (docs/adr/0005-kpi-projections.md).
/// </summary>
public static class KpiResolvers
{
    public const int MaxYears = 100;

    public static async Task<KpiReport<PlasticsAnswer>> PlasticsAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int year, string? material, WasteKind? wasteKind,
        string? region, DateTimeOffset? asOf, CancellationToken cancellation)
    {
        if (material is not null && !MaterialCatalog.IsKnown(MaterialCategory.Plastic, material))
            throw Arguments.Invalid($"material '{material}' is not a plastic ({string.Join(", ", MaterialCatalog.MaterialsOf(MaterialCategory.Plastic))}).");
        var scope = new KpiScope(year, year, region, material, asOf, wasteKind);
        var sums = await SumsAsync(queries, user, [KpiMeasure.PlasticWaste, KpiMeasure.PlasticPlaced], scope, cancellation);
        var answer = PlasticsAnswer.From(year, sums.Select(s => s.Sum));
        return new(answer, targets.WithPrefix(KpiCatalog.PlasticsPrefix), MissingOf(KpiCatalog.PlasticsPrefix, scope, year, plastics: answer));
    }

    public static async Task<KpiReport<BatteryAnswer>> BatteryAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int year, string? region, DateTimeOffset? asOf,
        CancellationToken cancellation)
    {
        var scope = new KpiScope(year, year, region, AsOf: asOf);
        var sums = await SumsAsync(queries, user, [KpiMeasure.BatteryRecovery, KpiMeasure.BatteryRecycledContent], scope, cancellation);
        var answer = BatteryAnswer.From(year, sums.Select(s => s.Sum));
        return new(answer, targets.WithPrefix(KpiCatalog.BatteryPrefix), MissingOf(KpiCatalog.BatteryPrefix, scope, year, battery: answer));
    }

    public static async Task<KpiReport<RareEarthAnswer>> RareEarthAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int year, string? region, DateTimeOffset? asOf,
        CancellationToken cancellation)
    {
        var scope = new KpiScope(year, year, region, AsOf: asOf);
        var sums = await SumsAsync(queries, user, [KpiMeasure.XevPlaced], scope, cancellation);
        var answer = RareEarthAnswer.From(year, sums.Select(s => s.Sum));
        return new(answer, targets.WithPrefix(KpiCatalog.RareEarthPrefix), MissingOf(KpiCatalog.RareEarthPrefix, scope, year, rareEarth: answer));
    }

    public static async Task<IReadOnlyList<KpiPoint>> ProgressAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int from, int to, string? region,
        DateTimeOffset? asOf, CancellationToken cancellation)
    {
        if (to < from || to - from >= MaxYears)
            throw Arguments.Invalid($"from must not be after to, and the span at most {MaxYears} years.");
        var scope = new KpiScope(from, to, region, AsOf: asOf);
        var sums = (await SumsAsync(queries, user, Enum.GetValues<KpiMeasure>(), scope, cancellation))
            .ToLookup(s => s.Year, s => s.Sum);
        return Enumerable.Range(from, to - from + 1)
            .SelectMany(year =>
            {
                var (plastics, battery, rareEarth) =
                    (PlasticsAnswer.From(year, sums[year]), BatteryAnswer.From(year, sums[year]), RareEarthAnswer.From(year, sums[year]));
                var reasons = KpiExplanations.Reasons(plastics, battery, rareEarth, scope, year);
                return KpiCatalog.ValuesOf(plastics, battery, rareEarth).Select(v => new KpiPoint(
                    v.Kpi, year, v.Value, targets.AheadOf(v.Kpi, year), KpiExplanations.UnitOf(v.Kpi),
                    v.Value is null && reasons.TryGetValue(v.Kpi, out var why) ? [why] : []));
            })
            .ToList();
    }

    /// <summary>Why the answer's null figures are null; the other answers, not asked for, stand empty.</summary>
    private static IReadOnlyList<string> MissingOf(
        string prefix, KpiScope scope, int year, PlasticsAnswer? plastics = null, BatteryAnswer? battery = null, RareEarthAnswer? rareEarth = null) =>
        KpiExplanations.Missing(KpiExplanations.Reasons(
            plastics ?? PlasticsAnswer.From(year, []), battery ?? BatteryAnswer.From(year, []), rareEarth ?? RareEarthAnswer.From(year, []),
            scope, year), prefix);

    private static async Task<IReadOnlyList<YearSum>> SumsAsync(
        KpiQueries queries, ClaimsPrincipal user, KpiMeasure[] measures, KpiScope scope, CancellationToken cancellation)
    {
        if (!user.SeesEveryLot()) Arguments.Forbidden("National KPIs are for ministries and admins.");
        Arguments.Year(scope.FromYear);
        Arguments.Year(scope.ToYear);
        Arguments.Country(scope.Region, "region");
        return await queries.SumsAsync(measures, scope, cancellation);
    }
}

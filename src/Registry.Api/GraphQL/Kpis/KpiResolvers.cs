using System.Security.Claims;
using GraphQL;
using Registry.Api.Auth;
using Registry.Domain.Kpis;
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
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int year, string? material, string? region,
        DateTimeOffset? asOf, CancellationToken cancellation)
    {
        if (material is not null && !MaterialCatalog.IsKnown(MaterialCategory.Plastic, material))
            throw Arguments.Invalid($"material '{material}' is not a plastic ({string.Join(", ", MaterialCatalog.MaterialsOf(MaterialCategory.Plastic))}).");
        var sums = await SumsAsync(queries, user, [KpiMeasure.PlasticWaste, KpiMeasure.PlasticPlaced],
            new KpiScope(year, year, region, material, asOf), cancellation);
        return new(PlasticsAnswer.From(year, sums.Select(s => s.Sum)), targets.WithPrefix(KpiCatalog.PlasticsPrefix));
    }

    public static async Task<KpiReport<BatteryAnswer>> BatteryAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int year, string? region, DateTimeOffset? asOf,
        CancellationToken cancellation)
    {
        var sums = await SumsAsync(queries, user, [KpiMeasure.BatteryRecovery, KpiMeasure.BatteryRecycledContent],
            new KpiScope(year, year, region, AsOf: asOf), cancellation);
        return new(BatteryAnswer.From(year, sums.Select(s => s.Sum)), targets.WithPrefix(KpiCatalog.BatteryPrefix));
    }

    public static async Task<KpiReport<RareEarthAnswer>> RareEarthAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int year, string? region, DateTimeOffset? asOf,
        CancellationToken cancellation)
    {
        var sums = await SumsAsync(queries, user, [KpiMeasure.XevPlaced], new KpiScope(year, year, region, AsOf: asOf), cancellation);
        return new(RareEarthAnswer.From(year, sums.Select(s => s.Sum)), targets.WithPrefix(KpiCatalog.RareEarthPrefix));
    }

    public static async Task<IReadOnlyList<KpiPoint>> ProgressAsync(
        KpiQueries queries, KpiTargets targets, ClaimsPrincipal user, int from, int to, string? region,
        DateTimeOffset? asOf, CancellationToken cancellation)
    {
        if (to < from || to - from >= MaxYears)
            throw Arguments.Invalid($"from must not be after to, and the span at most {MaxYears} years.");
        var sums = (await SumsAsync(queries, user, Enum.GetValues<KpiMeasure>(), new KpiScope(from, to, region, AsOf: asOf), cancellation))
            .ToLookup(s => s.Year, s => s.Sum);
        return Enumerable.Range(from, to - from + 1)
            .SelectMany(year => KpiCatalog.ValuesOf(
                    PlasticsAnswer.From(year, sums[year]), BatteryAnswer.From(year, sums[year]), RareEarthAnswer.From(year, sums[year]))
                .Select(v => new KpiPoint(v.Kpi, year, v.Value, targets.AheadOf(v.Kpi, year))))
            .ToList();
    }

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

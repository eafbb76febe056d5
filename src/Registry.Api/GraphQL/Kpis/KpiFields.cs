using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Registry.Api.ReferenceData;
using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Projections.Kpis;

namespace Registry.Api.GraphQL.Kpis;

/// <summary>National KPIs beside their targets.</summary>
public static class KpiFields
{
    public static void AddKpiFields(this ObjectGraphType query)
    {
        query.Field<PlasticsKpisType>("plasticsKpis")
            .Description("Plastic waste by route, effective utilization and recycling rates, biomass placed; ministries and admins. " +
                         "With wasteKind, only the waste of that stream (PWMI's general waste = PostConsumer, industrial = PreConsumer).")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .Argument<StringGraphType>("material")
            .Argument<RestSpelledEnumGraphType<WasteKind>>("wasteKind", a => a.Description =
                "Only plastic waste of this kind, as the lot leaving the waste stage was collected; biomass placed, not waste, is then 0. Omitted, all waste.")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.PlasticsAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("year"), c.GetArgument<string?>("material"),
                c.GetArgument<WasteKind?>("wasteKind"), c.GetArgument<string?>("region"), c.GetArgument<DateTimeOffset?>("asOf"),
                c.CancellationToken));

        query.Field<BatteryKpisType>("batteryKpis")
            .Description("Battery material recovery efficiency and recycled content per element; ministries and admins.")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.BatteryAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("year"), c.GetArgument<string?>("region"),
                c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken));

        query.Field<RareEarthKpisType>("rareEarthKpis")
            .Description("xEV units placed and the share whose magnets carry no Dy or Tb; ministries and admins.")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.RareEarthAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("year"), c.GetArgument<string?>("region"),
                c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken));

        query.Field<ListGraphType<NonNullGraphType<KpiPointType>>>("kpiProgress")
            .Description("Every KPI for each year from..to beside the target ahead of it; ministries and admins.")
            .Argument<NonNullGraphType<IntGraphType>>("from")
            .Argument<NonNullGraphType<IntGraphType>>("to")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.ProgressAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("from"), c.GetArgument<int>("to"),
                c.GetArgument<string?>("region"), c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken))
            // Costed as about a dozen points per year asked for (QueryLimits).
            .WithComplexityImpact(c => new FieldComplexityResult(1,
                12 * Math.Clamp(c.GetArgument("to", 0) - c.GetArgument("from", 0) + 1, 1, KpiResolvers.MaxYears)));
    }
}

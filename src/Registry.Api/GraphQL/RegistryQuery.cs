using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Marten;
using Registry.Api.Auth;
using Registry.Api.GraphQL.Kpis;
using Registry.Api.GraphQL.Lineage;
using Registry.Api.GraphQL.Lots;
using Registry.Api.GraphQL.SupplyRisk;
using Registry.Api.ReferenceData;
using Registry.Api.GraphQL.Transformations;
using Registry.Domain.Kpis;
using Registry.Domain.Transformations;
using Registry.Projections.Kpis;
using Registry.Projections.Lineage;
using Registry.Projections.SupplyRisk;

namespace Registry.Api.GraphQL;

public sealed class RegistryQuery : ObjectGraphType
{
    public RegistryQuery()
    {
        Name = "Query";

        Field<LotType>("lot")
            .Description("A lot by id, or by its lot number and the name of the organization that registered it.")
            .Argument<IdGraphType>("id")
            .Argument<StringGraphType>("lotNumber")
            .Argument<StringGraphType>("organization")
            .ResolveAsync(async c => await LotQueries.LotAsync(
                c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.User!, c.GetArgument<string?>("id"), c.GetArgument<string?>("lotNumber"),
                c.GetArgument<string?>("organization"), c.CancellationToken));

        Field<NonNullGraphType<LotConnectionType>>("lots")
            .Description("Lots in registration order, a page at a time.")
            .Argument<LotFilterInputType>("filter")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await LotQueries.LotsAsync(
                c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.User!, c.GetArgument<LotFilter?>("filter"), c.GetArgument<int>("first"),
                c.GetArgument<string?>("after"), c.CancellationToken));
    
        Field<NonNullGraphType<TraceType>>("trace")
            .Description("The lots a lot was made from (UPSTREAM) or went into (DOWNSTREAM), up to maxDepth steps.")
            .Argument<NonNullGraphType<IdGraphType>>("lotId")
            .Argument<NonNullGraphType<TraceDirectionType>>("direction")
            .Argument<IntGraphType>("maxDepth", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await TraceQueries.TraceAsync(
                c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.Service<LotLineageQueries>(), c.User!,
                c.GetArgument<string>("lotId"), c.GetArgument<TraceDirection>("direction"), c.GetArgument<int>("maxDepth"),
                c.CancellationToken));

        Field<TransformationType>("transformation")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Description("A transformation, for the organization that recorded it, ministries and admins.")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("id"), out var id))
                    throw new ExecutionError("id is not a valid id.") { Code = ErrorCodes.InvalidArgument };
                var transformation = await c.Service<IQuerySession>().LoadAsync<Transformation>(id, c.CancellationToken);
                return transformation is not null && (c.User!.SeesEveryLot() || transformation.ActedBy == c.User!.OrganizationId())
                    ? transformation
                    : null;
            });

        Field<NonNullGraphType<PlasticsKpisType>>("plasticsKpis")
            .Description("Plastic waste by route, effective utilization and recycling rates, biomass placed; ministries and admins.")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .Argument<StringGraphType>("material")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.PlasticsAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("year"), c.GetArgument<string?>("material"),
                c.GetArgument<string?>("region"), c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken));

        Field<NonNullGraphType<BatteryKpisType>>("batteryKpis")
            .Description("Battery material recovery efficiency and recycled content per element; ministries and admins.")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.BatteryAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("year"), c.GetArgument<string?>("region"),
                c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken));

        Field<NonNullGraphType<RareEarthKpisType>>("rareEarthKpis")
            .Description("xEV units placed and the share whose magnets carry no Dy or Tb; ministries and admins.")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .ScopedByRegionAndTime()
            .ResolveAsync(async c => await KpiResolvers.RareEarthAsync(
                c.Service<KpiQueries>(), c.Service<KpiTargets>(), c.User!, c.GetArgument<int>("year"), c.GetArgument<string?>("region"),
                c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KpiPointType>>>>("kpiProgress")
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

        Field<NonNullGraphType<SupplyRiskType>>("supplyRisk")
            .Description("Sourcing concentration and the EU supply-risk score of an element for an importing country; ministries and admins.")
            .Argument<NonNullGraphType<StringGraphType>>("element")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .Argument<StringGraphType>("importingCountry", a => a.DefaultValue = "JP")
            .ResolveAsync(async c => await SupplyRiskResolvers.SupplyRiskAsync(
                c.Service<SupplyRiskQueries>(), c.Service<SupplyRiskReference>(), c.User!, c.GetArgument<string>("element"),
                c.GetArgument<int>("year"), c.GetArgument<string>("importingCountry"), c.CancellationToken));

        Field<NonNullGraphType<ExposureType>>("exposure")
            .Description("Lots, products and organizations whose provenance includes a country, and what would stop with its supply.")
            .Argument<NonNullGraphType<StringGraphType>>("country")
            .Argument<StringGraphType>("element", a => a.Description = "An element symbol; omitted, the whole-lot mass (\"*\").")
            .Argument<IntGraphType>("year", a => a.Description = "The year the lots started; omitted, all years.")
            .ResolveAsync(async c => await SupplyRiskResolvers.ExposureAsync(
                c.Service<SupplyRiskQueries>(), c.Service<IQuerySession>(), c.User!, c.GetArgument<string>("country"),
                c.GetArgument<string?>("element"), c.GetArgument<int?>("year"), c.CancellationToken));
    }
}

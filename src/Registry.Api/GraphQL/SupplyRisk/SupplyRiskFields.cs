using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.GraphQL.Lots;
using Registry.Api.ReferenceData;
using Registry.Projections.SupplyRisk;

namespace Registry.Api.GraphQL.SupplyRisk;

/// <summary>Supply risk and exposure of elements.</summary>
public static class SupplyRiskFields
{
    public static void AddSupplyRiskFields(this ObjectGraphType query)
    {
        query.Field<SupplyRiskType>("supplyRisk")
            .Description("Sourcing concentration and the EU supply-risk score of an element for an importing country; ministries and admins.")
            .Argument<NonNullGraphType<StringGraphType>>("element")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .Argument<StringGraphType>("importingCountry", a => a.DefaultValue = "JP")
            .ResolveAsync(async c => await SupplyRiskResolvers.SupplyRiskAsync(
                c.Service<SupplyRiskQueries>(), c.Service<SupplyRiskReference>(), c.User!, c.GetArgument<string>("element"),
                c.GetArgument<int>("year"), c.GetArgument<string>("importingCountry"), c.CancellationToken));

        query.Field<ExposureType>("exposure")
            .Description("Lots, products and organizations whose provenance includes a country, and what would stop with its supply.")
            .Argument<NonNullGraphType<StringGraphType>>("country")
            .Argument<StringGraphType>("element", a => a.Description = "An element symbol; omitted, the whole-lot mass (\"*\").")
            .Argument<IntGraphType>("year", a => a.Description = "The year the lots started; omitted, all years.")
            .ResolveAsync(async c =>
            {
                var exposure = await SupplyRiskResolvers.ExposureAsync(
                    c.Service<SupplyRiskQueries>(), c.Service<IQuerySession>(), c.User!, c.Now(), c.GetArgument<string>("country"),
                    c.GetArgument<string?>("element"), c.GetArgument<int?>("year"), c.CancellationToken);
                return c.Recorded(exposure, exposure.Lots);
            });
    }
}

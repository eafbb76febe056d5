using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.GraphQL.Lots;
using Registry.Projections.Lineage;

namespace Registry.Api.GraphQL.Lineage;

/// <summary>Genealogy walks from a lot.</summary>
public static class TraceFields
{
    public static void AddTraceFields(this ObjectGraphType query)
    {
        query.Field<TraceType>("trace")
            .Description("The lots a lot was made from (UPSTREAM) or went into (DOWNSTREAM), up to maxDepth steps.")
            .Argument<NonNullGraphType<IdGraphType>>("lotId")
            .Argument<NonNullGraphType<TraceDirectionType>>("direction")
            .Argument<IntGraphType>("maxDepth", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var trace = await TraceQueries.TraceAsync(
                c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.Service<LotLineageQueries>(), c.User!, c.Now(),
                c.GetArgument<string>("lotId"), c.GetArgument<TraceDirection>("direction"), c.GetArgument<int>("maxDepth"),
                    c.CancellationToken);
                return c.Recorded(trace, trace.Nodes.Select(n => n.Lot));
            });
    }
}

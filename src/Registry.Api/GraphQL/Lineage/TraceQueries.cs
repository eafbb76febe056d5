using System.Security.Claims;
using GraphQL;
using Marten;
using Registry.Api.GraphQL.Lots;
using Registry.Domain.Lots;
using Registry.Projections.Lineage;

namespace Registry.Api.GraphQL.Lineage;

/// <summary>
/// Genealogy from a lot the caller may see. The walk shows every lot of that lot's lineage: provenance already
/// draws on them, and a supply chain cannot be checked without them.
/// </summary>
public static class TraceQueries
{
    public const int MaxDepth = 50;

    public static async Task<Trace> TraceAsync(
        IQuerySession session, OrganizationNames names, LotLineageQueries lineage, ClaimsPrincipal user,
        string lotId, TraceDirection direction, int maxDepth, CancellationToken cancellation)
    {
        if (maxDepth is < 0 or > MaxDepth)
            throw new ExecutionError($"maxDepth must be between 0 and {MaxDepth}.") { Code = ErrorCodes.InvalidArgument };
        var root = await LotQueries.LotAsync(session, names, user, lotId, null, null, cancellation)
                   ?? throw new ExecutionError($"No lot {lotId} is visible to this organization.") { Code = ErrorCodes.NotFound };

        var walk = await lineage.TraceAsync(root.Id, direction, maxDepth, cancellation);
        var lots = await session.LoadManyAsync<Lot>(cancellation, walk.Depths.Keys);
        var nodes = lots.Select(l => new TraceNode(l, walk.Depths[l.Id])).OrderBy(n => n.Depth).ThenBy(n => n.Lot.Id).ToList();
        return new Trace(root.Id, nodes, walk.Edges, walk.Truncated);
    }
}

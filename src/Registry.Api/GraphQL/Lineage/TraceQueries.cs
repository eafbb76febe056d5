using Registry.Api.Auth;
using System.Security.Claims;
using GraphQL;
using Marten;
using Registry.Api.GraphQL.Lots;
using Registry.Domain.Lots;
using Registry.Projections.Lineage;

namespace Registry.Api.GraphQL.Lineage;

/// <summary>
/// Genealogy from a lot the caller may see. Lots the caller may not see (another company's, never held by the
/// caller) are left out and only counted, with the edges that touch them: ministries and admins see it all. A Trace
/// grant on the root shows its upstream lots as the granter sees them (<see cref="Lot.IsVisibleInTraceOf"/>).
/// </summary>
public static class TraceQueries
{
    public const int MaxDepth = 50;
    public const int MaxLots = 10_000;

    public static async Task<Trace> TraceAsync(
        IQuerySession session, OrganizationNames names, LotLineageQueries lineage, ClaimsPrincipal user, DateTimeOffset now,
        string lotId, TraceDirection direction, int maxDepth, CancellationToken cancellation)
    {
        if (maxDepth is < 0 or > MaxDepth)
            throw new ExecutionError($"maxDepth must be between 0 and {MaxDepth}.") { Code = ErrorCodes.InvalidArgument };
        var root = await LotQueries.LotAsync(session, names, user, now, lotId, null, null, cancellation)
                   ?? throw new ExecutionError($"No lot {lotId} is visible to this organization.") { Code = ErrorCodes.NotFound };

        var walk = await lineage.TraceAsync(root.Id, direction, maxDepth, cancellation);
        if (walk.Depths.Count > MaxLots)
            throw new ExecutionError($"The trace reaches more than {MaxLots} lots; ask for a smaller maxDepth.")
                { Code = ErrorCodes.InvalidArgument };
        // Only upstream: a Trace grant shows what the root was made from, not where it went.
        var (me, role) = (user.OrganizationId(), user.Role());
        var lots = (await session.LoadManyAsync<Lot>(cancellation, walk.Depths.Keys))
            .Where(l => direction == TraceDirection.Upstream ? l.IsVisibleInTraceOf(root, me, role, now) : l.IsVisibleTo(me, role, now))
            .ToList();
        var shown = lots.Select(l => l.Id).ToHashSet();
        var nodes = lots.Select(l => new TraceNode(l, walk.Depths[l.Id])).OrderBy(n => n.Depth).ThenBy(n => n.Lot.Id).ToList();
        var edges = walk.Edges.Where(e => shown.Contains(e.From) && shown.Contains(e.To)).ToList();
        return new Trace(root.Id, nodes, edges, walk.Truncated, walk.Depths.Count - nodes.Count);
    }
}

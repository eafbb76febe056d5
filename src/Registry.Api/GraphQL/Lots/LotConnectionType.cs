using GraphQL.Types;
using Registry.Domain.Lots;

namespace Registry.Api.GraphQL.Lots;

public sealed record LotEdge(string Cursor, Lot Node);
public sealed record PageInfo(bool HasNextPage, string? EndCursor);
/// <param name="Count">Counts the lots matching the filter that the caller may see, whatever the page.</param>
public sealed record LotConnection(IReadOnlyList<LotEdge> Edges, PageInfo PageInfo, Func<CancellationToken, Task<int>> Count)
{
    private Task<int>? total;

    public IEnumerable<Lot> Nodes => Edges.Select(e => e.Node);

    /// <summary>One count query per connection, run only when a client asks for it.</summary>
    public Task<int> TotalCountAsync(CancellationToken cancellation) => total ??= Count(cancellation);
}

public sealed class LotConnectionType : ObjectGraphType<LotConnection>
{
    public LotConnectionType()
    {
        Name = "LotConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many lots match the filter and are visible to the caller, on every page alike (`after` " +
                         "does not change it). One COUNT query with the page's filter, run only when asked for; like the " +
                         "page, it stops at the request's timeout.")
            .ResolveAsync(async c => await c.Source.TotalCountAsync(c.CancellationToken));
    }
}

public sealed class LotEdgeType : ObjectGraphType<LotEdge>
{
    public LotEdgeType()
    {
        Name = "LotEdge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<LotType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.EndCursor, nullable: true).Description("Pass as `after` for the next page.");
    }
}

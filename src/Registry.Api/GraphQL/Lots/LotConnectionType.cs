using GraphQL.Types;
using Registry.Domain.Lots;

namespace Registry.Api.GraphQL.Lots;

public sealed record LotEdge(string Cursor, Lot Node);
public sealed record PageInfo(bool HasNextPage, string? EndCursor);
public sealed record LotConnection(IReadOnlyList<LotEdge> Edges, PageInfo PageInfo)
{
    public IEnumerable<Lot> Nodes => Edges.Select(e => e.Node);
}

public sealed class LotConnectionType : ObjectGraphType<LotConnection>
{
    public LotConnectionType()
    {
        Name = "LotConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source.PageInfo);
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

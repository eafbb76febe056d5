using GraphQL;
using GraphQL.Types;
using Registry.Api.GraphQL.Lots;
using Registry.Domain.Lots;
using Registry.Projections.Lineage;

namespace Registry.Api.GraphQL.Lineage;

public sealed record TraceNode(Lot Lot, int Depth);
public sealed record Trace(Guid Root, IReadOnlyList<TraceNode> Nodes, IReadOnlyList<LineageEdge> Edges, bool Truncated, int HiddenLots);

public sealed class TraceDirectionType : EnumerationGraphType<TraceDirection>
{
    public TraceDirectionType() => Name = "TraceDirection";
}

public sealed class LineageEdgeKindType : EnumerationGraphType<LineageEdgeKind>
{
    public LineageEdgeKindType() => Name = "LineageEdgeKind";
}

public sealed class TraceType : ObjectGraphType<Trace>
{
    public const double ExpectedTraceSize = 100;

    public TraceType()
    {
        Name = "Trace";
        Field<NonNullGraphType<IdGraphType>>("root").Resolve(c => c.Source.Root);
        // Costed as 100 lots and edges each (QueryLimits): a trace's size is known only once walked.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TraceNodeType>>>>("nodes").Resolve(c => c.Source.Nodes)
            .WithComplexityImpact(1, ExpectedTraceSize);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TraceEdgeType>>>>("edges").Resolve(c => c.Source.Edges)
            .WithComplexityImpact(1, ExpectedTraceSize);
        Field(x => x.Truncated).Description("True when lots lie beyond maxDepth.");
        Field(x => x.HiddenLots).Description("Lots of the lineage this organization may not see, left out with their edges.");
    }
}

public sealed class TraceNodeType : ObjectGraphType<TraceNode>
{
    public TraceNodeType()
    {
        Name = "TraceNode";
        Field<NonNullGraphType<LotType>>("lot").Resolve(c => c.Source.Lot);
        Field(x => x.Depth).Description("Steps from the root along the shortest path.");
    }
}

public sealed class TraceEdgeType : ObjectGraphType<LineageEdge>
{
    public TraceEdgeType()
    {
        Name = "TraceEdge";
        Field<NonNullGraphType<IdGraphType>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<IdGraphType>>("to").Resolve(c => c.Source.To);
        Field<IdGraphType>("transformationId").Description("The transformation that links the lots; null for a split.")
            .Resolve(c => c.Source.Kind == LineageEdgeKind.Split ? null : c.Source.TransformationId);
        Field<NonNullGraphType<LineageEdgeKindType>>("kind").Resolve(c => c.Source.Kind);
        Field(x => x.MassKg).Description(
            "The input's consumed mass credited to this output, pro rata to output mass; for a split, the part's mass.");
    }
}

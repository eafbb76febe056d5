using GraphQL.Types;

namespace Registry.Api.GraphQL.Lots;

public sealed class ComponentShareType : ObjectGraphType<ComponentShare>
{
    public ComponentShareType()
    {
        Name = "ComponentShare";
        Field(x => x.Component);
        Field<NonNullGraphType<FloatGraphType>>("fraction").Resolve(c => (double)c.Source.Fraction);
        Field(x => x.MassKg);
    }
}

public sealed class SourceShareType : ObjectGraphType<SourceShare>
{
    public SourceShareType()
    {
        Name = "SourceShare";
        Field(x => x.Source).Description("A country code, \"recycled:pre\", \"recycled:post\" or \"bio\".");
        Field<NonNullGraphType<FloatGraphType>>("share").Resolve(c => (double)c.Source.Share);
        Field(x => x.MassKg);
    }
}

public sealed class ComponentProvenanceType : ObjectGraphType<ComponentProvenance>
{
    public ComponentProvenanceType()
    {
        Name = "ComponentProvenance";
        Field(x => x.Component);
        Field(x => x.MassKg);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceShareType>>>>("sources").Resolve(c => c.Source.Sources);
    }
}

public sealed class RecycledContentType : ObjectGraphType<RecycledContent>
{
    public RecycledContentType()
    {
        Name = "RecycledContent";
        Field(x => x.Component);
        Field<NonNullGraphType<FloatGraphType>>("preConsumer").Resolve(c => (double)c.Source.PreConsumer);
        Field<NonNullGraphType<FloatGraphType>>("postConsumer").Resolve(c => (double)c.Source.PostConsumer);
        Field<NonNullGraphType<FloatGraphType>>("total").Resolve(c => (double)c.Source.Total);
    }
}

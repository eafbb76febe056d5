using GraphQL.Types;
using Registry.Domain.Lots;
using Registry.Domain.Materials;

namespace Registry.Api.GraphQL.Lots;

public sealed record LotFilter(MaterialCategory? Category, string? Material, LotStage? Stage, string? Holder, string? EpcClass);

public sealed class LotFilterInputType : InputObjectGraphType<LotFilter>
{
    public LotFilterInputType()
    {
        Name = "LotFilter";
        Field<RestSpelledEnumGraphType<MaterialCategory>>("category");
        Field<StringGraphType>("material");
        Field<RestSpelledEnumGraphType<LotStage>>("stage");
        Field<StringGraphType>("holder").Description("The name of the organization holding the lots.");
        Field<StringGraphType>("epcClass").Description("A GS1 class with lot (LGTIN URN or Digital Link), however written.");
    }
}

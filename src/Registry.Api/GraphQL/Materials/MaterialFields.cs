using GraphQL;
using GraphQL.Types;
using Registry.Domain.Materials;

namespace Registry.Api.GraphQL.Materials;

/// <summary>A material code a lot may be registered with, and its category.</summary>
public sealed record Material(string Code, MaterialCategory Category);

/// <summary>The accepted material codes (domain.md, "Material taxonomy"), for forms and imports to offer.</summary>
public static class MaterialFields
{
    public static void AddMaterialFields(this ObjectGraphType query)
    {
        query.Field<ListGraphType<NonNullGraphType<MaterialType>>>("materials")
            .Argument<RestSpelledEnumGraphType<MaterialCategory>>("category")
            .Description("Every accepted material code (of a category), by category and code.")
            .Resolve(c => (c.GetArgument<MaterialCategory?>("category") is { } category ? [category] : Enum.GetValues<MaterialCategory>())
                .SelectMany(category => MaterialCatalog.MaterialsOf(category).Order(StringComparer.Ordinal)
                    .Select(code => new Material(code, category)))
                .ToList());
    }
}

public sealed class MaterialType : ObjectGraphType<Material>
{
    public MaterialType()
    {
        Name = "Material";
        Field(x => x.Code);
        Field<NonNullGraphType<RestSpelledEnumGraphType<MaterialCategory>>>("category").Resolve(c => c.Source.Category);
    }
}

using GraphQL;
using Registry.Domain.Materials;

namespace Registry.Api.GraphQL;

/// <summary>Checks of query arguments shared by the analytics fields, answered with INVALID_ARGUMENT.</summary>
public static class Arguments
{
    public const int FirstYear = 1900, LastYear = 2200;

    public static ExecutionError Invalid(string message) => new(message) { Code = ErrorCodes.InvalidArgument };

    public static void Year(int year, string argument = "year")
    {
        if (year is < FirstYear or > LastYear) throw Invalid($"{argument} must be between {FirstYear} and {LastYear}.");
    }

    public static void Country(string? country, string argument)
    {
        if (country is not null && !Countries.IsKnown(country))
            throw Invalid($"{argument} '{country}' is not an ISO 3166-1 alpha-2 country code.");
    }

    public static void Element(string? element)
    {
        if (element is not null && !Elements.IsElement(element))
            throw Invalid($"element '{element}' is not an element symbol (e.g. Dy, Co).");
    }

    public static void Forbidden(string message) => throw new ExecutionError(message) { Code = ErrorCodes.Forbidden };
}

using FluentValidation;
using Registry.Domain.Materials;

namespace Registry.Api.Lots;

/// <summary>Checks of declared composition and provenance, reported per component (e.g. <c>provenance[Dy]</c>).</summary>
public static class CompositionRules
{
    /// <summary>Mass fractions by element symbol: each in [0, 1], together at most 1.</summary>
    public static void CheckComposition<T>(Dictionary<string, decimal>? composition, ValidationContext<T> context)
    {
        if (composition is null) return;
        foreach (var (element, fraction) in composition)
        {
            if (!Elements.IsElement(element))
                context.AddFailure($"composition[{element}]", $"'{element}' is not an element symbol.");
            if (fraction is < 0 or > 1)
                context.AddFailure($"composition[{element}]", $"The fraction of {element} must be between 0 and 1.");
        }
        // Summed only when every fraction is in range, so the sum cannot overflow.
        if (composition.Values.All(f => f is >= 0 and <= 1) && composition.Values.Sum() > 1m)
            context.AddFailure("composition", $"The fractions sum to {composition.Values.Sum()}, more than 1.");
    }

    /// <summary>Per component ("*" or an element of the composition), shares over known sources summing to 1.</summary>
    public static void CheckProvenance<T>(
        Dictionary<string, Dictionary<string, decimal>>? provenance, IReadOnlyDictionary<string, decimal>? composition,
        ValidationContext<T> context)
    {
        if (provenance is null) return;
        foreach (var (component, sources) in provenance)
        {
            var field = $"provenance[{component}]";
            if (component != Elements.Bulk && !(composition?.ContainsKey(component) ?? false))
                context.AddFailure(field, $"'{component}' is neither \"*\" nor an element of the composition.");
            if (sources is null || sources.Count == 0)
            {
                context.AddFailure(field, "At least one source is required.");
                continue;
            }
            foreach (var (source, share) in sources)
            {
                if (!Provenance.IsSource(source))
                    context.AddFailure(field,
                        $"'{source}' is not a source: use a country code, recycled:pre, recycled:post or bio.");
                if (share is < 0 or > 1)
                    context.AddFailure(field, $"The share of {source} must be between 0 and 1.");
            }
            if (sources.Values.All(s => s is >= 0 and <= 1) && Math.Abs(sources.Values.Sum() - 1m) > Provenance.SumTolerance)
                context.AddFailure(field, $"The shares sum to {sources.Values.Sum()}, not 1.");
        }
    }
}

namespace Registry.Domain.Materials;

/// <summary>
/// What a declared composition and provenance must satisfy, as pure checks: each failure names its field as the
/// request writes it (<c>composition[Dy]</c>, <c>provenance[Dy]</c>). Every door relays them.
/// </summary>
public static class CompositionChecks
{
    /// <summary>Mass fractions by element symbol: each in [0, 1], together at most 1.</summary>
    public static IEnumerable<(string Field, string Message)> Composition(IReadOnlyDictionary<string, decimal>? composition)
    {
        if (composition is null) yield break;
        foreach (var (element, fraction) in composition)
        {
            if (!Elements.IsElement(element))
                yield return ($"composition[{element}]", $"'{element}' is not an element symbol.");
            if (fraction is < 0 or > 1)
                yield return ($"composition[{element}]", $"The fraction of {element} must be between 0 and 1.");
        }
        // Summed only when every fraction is in range, so the sum cannot overflow.
        if (composition.Values.All(f => f is >= 0 and <= 1) && composition.Values.Sum() > 1m)
            yield return ("composition", $"The fractions sum to {composition.Values.Sum()}, more than 1.");
    }

    /// <summary>Per component ("*" or an element of the composition), shares over known sources summing to 1.</summary>
    public static IEnumerable<(string Field, string Message)> Provenance(
        IReadOnlyDictionary<string, Dictionary<string, decimal>>? provenance, IReadOnlyDictionary<string, decimal>? composition)
    {
        if (provenance is null) yield break;
        foreach (var (component, sources) in provenance)
        {
            var field = $"provenance[{component}]";
            if (component != Elements.Bulk && !(composition?.ContainsKey(component) ?? false))
                yield return (field, $"'{component}' is neither \"*\" nor an element of the composition.");
            if (sources is null || sources.Count == 0)
            {
                yield return (field, "At least one source is required.");
                continue;
            }
            foreach (var (source, share) in sources)
            {
                if (!Materials.Provenance.IsSource(source))
                    yield return (field, $"'{source}' is not a source: use a country code, recycled:pre, recycled:post or bio.");
                if (share is < 0 or > 1)
                    yield return (field, $"The share of {source} must be between 0 and 1.");
            }
            if (sources.Values.All(s => s is >= 0 and <= 1) && Math.Abs(sources.Values.Sum() - 1m) > Materials.Provenance.SumTolerance)
                yield return (field, $"The shares sum to {sources.Values.Sum()}, not 1.");
        }
    }
}

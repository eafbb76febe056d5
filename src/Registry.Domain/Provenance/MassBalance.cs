using Registry.Domain.Lots;
using Registry.Domain.Materials;

namespace Registry.Domain.Provenance;

/// <summary>What one input lot puts into a transformation: its consumed mass, composition and provenance.</summary>
/// <param name="RelabelAs">In a recycling process, a waste input's mass becomes this recycled source.</param>
public sealed record Contribution(
    decimal MassKg,
    IReadOnlyDictionary<string, decimal> Composition,
    IReadOnlyDictionary<string, Dictionary<string, decimal>> Provenance,
    string? RelabelAs = null)
{
    public static Contribution Of(Lot lot, decimal consumedKg, bool recycling) => new(
        consumedKg, lot.Composition, lot.Provenance,
        recycling && lot.WasteKind is { } kind
            ? kind == WasteKind.PostConsumer ? Materials.Provenance.RecycledPost : Materials.Provenance.RecycledPre
            : null);

    /// <summary>Mass of a component in this contribution: all of it for "*", the fraction for an element.</summary>
    public decimal MassOf(string component) =>
        component == Elements.Bulk ? MassKg : MassKg * Composition.GetValueOrDefault(component);

    /// <summary>The component's sources: its own distribution, else the lot's "*" one.</summary>
    public IReadOnlyDictionary<string, decimal> SourcesOf(string component) =>
        RelabelAs is not null
            ? new Dictionary<string, decimal> { [RelabelAs] = 1m }
            : Materials.Provenance.SourcesOf(Provenance, component);
}

/// <summary>
/// Mass-balance provenance (domain.md, "Provenance"): outputs of a transformation carry, per component, the
/// mixture of what the inputs contributed, weighted by component mass.
/// </summary>
public static class MassBalance
{
    /// <summary>Derived fractions are truncated to this many places, so derived element mass never exceeds the inputs'.</summary>
    public const int CompositionDecimals = 12;

    /// <summary>Element masses the inputs hold, by element symbol.</summary>
    public static Dictionary<string, decimal> ElementMasses(IEnumerable<Contribution> inputs)
    {
        var masses = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var input in inputs)
            foreach (var element in input.Composition.Keys)
                masses[element] = masses.GetValueOrDefault(element) + input.MassOf(element);
        return masses;
    }

    /// <summary>The mass-weighted mixture of the inputs' compositions (elements with no mass are left out).</summary>
    public static Dictionary<string, decimal> MixComposition(IReadOnlyCollection<Contribution> inputs)
    {
        var totalKg = inputs.Sum(i => i.MassKg);
        return ElementMasses(inputs)
            .Where(e => e.Value > 0)
            .ToDictionary(e => e.Key, e => Truncate(e.Value / totalKg, CompositionDecimals), StringComparer.Ordinal);
    }

    /// <summary>
    /// For "*" and each element of <paramref name="outputComposition"/>: the inputs' sources, weighted by the
    /// component mass each input contributed. A component no input holds gets no entry.
    /// </summary>
    public static Dictionary<string, Dictionary<string, decimal>> MixProvenance(
        IReadOnlyCollection<Contribution> inputs, IEnumerable<string> outputComposition)
    {
        var provenance = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var component in outputComposition.Prepend(Elements.Bulk).Distinct())
        {
            var weights = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var input in inputs)
            {
                var massKg = input.MassOf(component);
                if (massKg == 0) continue;
                foreach (var (source, share) in input.SourcesOf(component))
                    weights[source] = weights.GetValueOrDefault(source) + massKg * share;
            }
            if (weights.Count > 0) provenance[component] = SourceShares.Normalize(weights);
        }
        return provenance;
    }

    private static decimal Truncate(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.ToZero);
}

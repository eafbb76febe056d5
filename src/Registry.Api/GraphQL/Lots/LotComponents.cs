using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Passports;

namespace Registry.Api.GraphQL.Lots;

public sealed record ComponentShare(string Component, decimal Fraction, decimal MassKg);
public sealed record SourceShare(string Source, decimal Share, decimal MassKg);
public sealed record ComponentProvenance(string Component, decimal MassKg, IReadOnlyList<SourceShare> Sources);
public sealed record RecycledContent(string Component, decimal PreConsumer, decimal PostConsumer)
{
    public decimal Total => PreConsumer + PostConsumer;
}

/// <summary>A lot's components with their masses: "*" is the whole lot, an element its fraction of it.</summary>
public static class LotComponents
{
    public static IEnumerable<ComponentShare> Shares(Lot lot) =>
        lot.Composition.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ComponentShare(c.Key, c.Value, Kilograms.Trimmed(lot.MassKg * c.Value)));

    public static IEnumerable<ComponentProvenance> Provenance(Lot lot) =>
        new[] { new ComponentShare(Elements.Bulk, 1m, lot.MassKg) }.Concat(Shares(lot)).Select(component =>
        {
            var sources = Domain.Materials.Provenance.SourcesOf(lot.Provenance, component.Component);
            return new ComponentProvenance(component.Component, component.MassKg,
                sources.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new SourceShare(s.Key, s.Value, Kilograms.Trimmed(component.MassKg * s.Value))).ToList());
        });

    /// <summary>Recycled shares of a component; null when the lot does not contain it.</summary>
    public static RecycledContent? Recycled(Lot lot, string component) =>
        PassportFigures.Recycled(lot, component) is { } shares
            ? new RecycledContent(component, shares.PreConsumer, shares.PostConsumer)
            : null;
}

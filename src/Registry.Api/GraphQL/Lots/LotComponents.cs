using Registry.Domain.Lots;
using Registry.Domain.Materials;

namespace Registry.Api.GraphQL.Lots;

public sealed record ComponentShare(string Component, decimal Fraction, decimal MassKg);
public sealed record SourceShare(string Source, decimal Share, decimal MassKg);
public sealed record ComponentProvenance(string Component, decimal MassKg, IReadOnlyList<SourceShare> Sources);

/// <summary>A lot's components with their masses: "*" is the whole lot, an element its fraction of it.</summary>
public static class LotComponents
{
    public static IEnumerable<ComponentShare> Shares(Lot lot) =>
        lot.Composition.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ComponentShare(c.Key, c.Value, lot.MassKg * c.Value));

    /// <summary>A component without a distribution of its own takes the lot's "*" distribution.</summary>
    public static IEnumerable<ComponentProvenance> Provenance(Lot lot)
    {
        var bulk = lot.Provenance.GetValueOrDefault(Elements.Bulk) ?? Domain.Materials.Provenance.FromOrigin(lot.OriginCountry)[Elements.Bulk];
        return new[] { new ComponentShare(Elements.Bulk, 1m, lot.MassKg) }.Concat(Shares(lot)).Select(component =>
        {
            var sources = lot.Provenance.GetValueOrDefault(component.Component) ?? bulk;
            return new ComponentProvenance(component.Component, component.MassKg,
                sources.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new SourceShare(s.Key, s.Value, component.MassKg * s.Value)).ToList());
        });
    }
}

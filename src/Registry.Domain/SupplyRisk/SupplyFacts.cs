using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Transformations;

namespace Registry.Domain.SupplyRisk;

/// <summary>Mass of one component ("*" or an element) of a lot from one source (a country, recycled:*, bio).</summary>
public sealed record ComponentSource(string Component, string Source, decimal MassKg);

/// <summary>How element mass moves in or out of a country's supply chain (supply-risk flows).</summary>
public enum SupplyFlowKind
{
    /// <summary>A lot crossed a border into the country.</summary>
    Import,
    /// <summary>A lot crossed a border out of the country.</summary>
    Export,
    /// <summary>Mass consumed by a manufacturing step in the country (the EoL-RIR base).</summary>
    Manufacturing,
}

public sealed record SupplyFlow(SupplyFlowKind Kind, string Country, ComponentSource Mass);

/// <summary>
/// The supply-risk facts of events: a lot's mass per component and source (from its provenance, so a magnet made
/// in Japan from Chinese Dy carries Chinese Dy), and the flows across borders and into manufacturing.
/// </summary>
public static class SupplyFacts
{
    /// <summary>Every component of <paramref name="massKg"/> of the lot by source: "*" and each element of its composition.</summary>
    public static IReadOnlyList<ComponentSource> SourcesOf(Lot lot, decimal massKg) =>
        lot.Composition.Keys.Prepend(Elements.Bulk)
            .SelectMany(component =>
            {
                var componentKg = component == Elements.Bulk ? massKg : massKg * lot.Composition[component];
                return Materials.Provenance.SourcesOf(lot.Provenance, component)
                    .Select(source => new ComponentSource(component, source.Key, componentKg * source.Value));
            })
            .Where(s => s.MassKg > 0)
            .ToList();

    /// <summary>
    /// A transfer to another country exports from the sender's country and imports into the destination. The
    /// sender's organization country, not a declared <c>fromCountry</c>, is where the lot was counted as entering,
    /// so it cannot enter twice; waste moving is scrap, not supply.
    /// </summary>
    public static IReadOnlyList<SupplyFlow> OfTransfer(LotTransferred e, Lot lot, string senderCountry) =>
        senderCountry == e.ToCountry || e.WasteKind is not null
            ? []
            : SourcesOf(lot, e.MassKg)
                .SelectMany(s => new[] { new SupplyFlow(SupplyFlowKind.Export, senderCountry, s), new SupplyFlow(SupplyFlowKind.Import, e.ToCountry, s) })
                .ToList();

    /// <summary>What a manufacturing step in <paramref name="country"/> consumed, by component and source.</summary>
    public static IReadOnlyList<SupplyFlow> OfTransformation(TransformationRecorded e, string country, IReadOnlyDictionary<Guid, Lot> lots) =>
        e.Process != TransformationProcess.Manufacturing
            ? []
            : e.Inputs.SelectMany(input => SourcesOf(lots[input.LotId], input.MassKg))
                .Select(s => new SupplyFlow(SupplyFlowKind.Manufacturing, country, s))
                .ToList();
}

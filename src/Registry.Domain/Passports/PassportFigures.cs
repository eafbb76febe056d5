using Registry.Domain.Kpis;
using Registry.Domain.Lots;
using Registry.Domain.Materials;

namespace Registry.Domain.Passports;

public enum PassportKind { BatteryPassport, ProductPassport }

/// <summary>The battery status of Annex XIII 1 as far as the registry knows it: it records no repurposing or
/// remanufacturing, so a lot is original until it is collected as waste.</summary>
public enum BatteryStatus { Original, Waste }

/// <summary>The shares of a component from pre- and post-consumer recycling.</summary>
public sealed record RecycledShares(decimal PreConsumer, decimal PostConsumer)
{
    public decimal Total => PreConsumer + PostConsumer;
}

/// <summary>A passport's recycled content of one element; every share null when the lot holds none of it.</summary>
public sealed record ElementRecycledContent(string Element, decimal? PreConsumer, decimal? PostConsumer, decimal? Total);

/// <summary>A component the lot contains, flagged when it is a critical raw material.</summary>
public sealed record PassportMaterial(string Component, string? CriticalRawMaterial);

/// <summary>
/// What a battery or product passport says of a lot, read from the lot alone (Battery Regulation 2023/1542, Art. 77
/// and Annex XIII; docs/adr/0015-battery-passports.md).
/// </summary>
public static class PassportFigures
{
    /// <summary>The elements whose recycled content Art. 8 sets minimum shares for.</summary>
    public static readonly IReadOnlyList<string> RecycledContentElements = KpiFacts.RecycledContentElements;

    public const string RecycledContentMethod =
        "Mass balance (docs/adr/0004-provenance-by-mass-balance.md): for each element, the mixture of what the inputs " +
        "of every transformation contributed, weighted by the element mass consumed; the mass a waste input contributes " +
        "to a recycling transformation counts as recycled, pre-consumer or post-consumer by how the waste was collected.";

    /// <summary>Art. 77 applies to batteries placed on the market: a lot has a public passport once it has been placed
    /// on the market, and keeps it at the end of its life.</summary>
    public static bool IsPublic(Lot lot) => lot.MarketCountry is not null;

    public static PassportKind KindOf(Lot lot) => KpiFacts.IsBattery(lot) ? PassportKind.BatteryPassport : PassportKind.ProductPassport;

    public static BatteryStatus StatusOf(Lot lot) =>
        lot.Stage is LotStage.Waste or LotStage.Closed ? BatteryStatus.Waste : BatteryStatus.Original;

    /// <summary>Recycled shares of a component ("*" for the whole lot); null when the lot does not contain it.</summary>
    public static RecycledShares? Recycled(Lot lot, string component)
    {
        if (component != Elements.Bulk && !lot.Composition.ContainsKey(component)) return null;
        var sources = Materials.Provenance.SourcesOf(lot.Provenance, component);
        return new RecycledShares(
            sources.GetValueOrDefault(Materials.Provenance.RecycledPre), sources.GetValueOrDefault(Materials.Provenance.RecycledPost));
    }

    /// <summary>The recycled content of Co, Li, Ni and Pb, in that order.</summary>
    public static IReadOnlyList<ElementRecycledContent> RecycledContent(Lot lot) =>
        RecycledContentElements.Select(element => Recycled(lot, element) is { } shares
            ? new ElementRecycledContent(element, shares.PreConsumer, shares.PostConsumer, shares.Total)
            : new ElementRecycledContent(element, null, null, null)).ToList();

    /// <summary>The lot's components in ordinal order, each with its entry on the EU critical raw materials list.</summary>
    public static IReadOnlyList<PassportMaterial> MaterialsOf(Lot lot) =>
        lot.Composition.Keys.Order(StringComparer.Ordinal)
            .Select(component => new PassportMaterial(component, CriticalRawMaterials.EntryOf(component))).ToList();
}

using Registry.Api.GraphQL.Lots;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Passports;

namespace Registry.Api.Passports;

/// <summary>
/// A lot's battery or product passport (docs/adr/0015-battery-passports.md): the one description both doors answer,
/// GraphQL's <c>Passport</c> type field for field and the JSON-LD document of <c>GET /passports/{lotId}</c> as it
/// serializes. Everything but <see cref="Restricted"/> is the public tier.
/// </summary>
/// <param name="PlacedOnMarket">False only for a lot its custodians (or an authority) preview before placing it.</param>
/// <param name="Restricted">For the organizations that may see the lot (<see cref="Lot.IsVisibleTo"/>); else null.</param>
public sealed record Passport(
    Guid LotId, string PassportId, PassportKind Kind, bool PlacedOnMarket, PassportIdentity Identity,
    PassportChemistry Chemistry, PassportCircularity Circularity, PassportEndOfLife EndOfLife, PassportRestricted? Restricted);

/// <summary>Annex VI Part A and Annex XIII 1(a): who made the lot, where, when, what it is and weighs, its status.</summary>
public sealed record PassportIdentity(
    string LotNumber, string? Gs1Identity, string Manufacturer, string ManufacturingCountry, DateTimeOffset ManufacturingDate,
    MaterialCategory Category, string Material, string? ProductType, int? Units, decimal MassKg, BatteryStatus Status,
    string? MarketCountry);

/// <summary>The material (its chemistry, as the registry's material code) and the components present.</summary>
public sealed record PassportChemistry(string Material, IReadOnlyList<PassportMaterial> Components, string CriticalRawMaterialsList);

/// <summary>Art. 8 and Annex XIII 1(d): recycled content of Co, Li, Ni and Pb, with the method that computes it.</summary>
public sealed record PassportCircularity(IReadOnlyList<ElementRecycledContent> RecycledContent, string Method);

public sealed record PassportEndOfLife(LotStage Stage, WasteKind? WasteKind);

/// <summary>Annex XIII 2 (persons with a legitimate interest, and authorities): detailed composition and masses, origin
/// shares per component, the holder and site, and the chain of custody as the lot's EPCIS events.</summary>
public sealed record PassportRestricted(
    string Holder, string? Site, decimal RemainingKg, IReadOnlyList<ComponentShare> Composition,
    IReadOnlyList<ComponentProvenance> OriginShares, IReadOnlyList<CustodyEvent> CustodyChain, bool CustodyChainTruncated);

/// <summary>One EPCIS event about the lot; <see cref="Href"/> reads it at the registry's EPCIS query interface.</summary>
public sealed record CustodyEvent(string EventId, string Type, string? BizStep, DateTimeOffset EventTime, string Href);

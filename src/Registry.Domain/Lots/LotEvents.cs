using Registry.Domain.Materials;
using Registry.Domain.Organizations;
using Registry.Domain.Lots.Sharing;

namespace Registry.Domain.Lots;

/// <summary>Every lot event names its lot, the acting organization and when it happened in the world;
/// Marten adds when it was recorded.</summary>
public interface ILotEvent
{
    Guid LotId { get; }
    Guid ActedBy { get; }
    DateTimeOffset OccurredAt { get; }
}

/// <summary>An event that starts a lot's stream: <see cref="Lot.Start"/> folds each.</summary>
public interface ILotStarted : ILotEvent;

public sealed record LotRegistered(
    Guid LotId,
    string LotNumber,
    Guid ActedBy,
    MaterialCategory Category,
    string Material,
    decimal MassKg,
    string OriginCountry,
    IReadOnlyDictionary<string, decimal> Composition,
    IReadOnlyDictionary<string, Dictionary<string, decimal>> Provenance,
    string? Site,
    string? ProductType,
    int? Units,
    DateTimeOffset OccurredAt,
    WasteKind? WasteKind = null,
    string? EpcClass = null) : RecordedEvent, ILotStarted;

/// <summary>
/// Custody of the lot's remaining mass (<c>MassKg</c>) moved; different countries make it an import. <c>WasteKind</c>
/// is set when the lot moved as waste (scrap is not supply).
/// </summary>
public sealed record LotTransferred(
    Guid LotId, Guid ActedBy, Guid ToOrganizationId, string FromCountry, string ToCountry, decimal MassKg,
    DateTimeOffset OccurredAt, WasteKind? WasteKind = null) : RecordedEvent, ILotEvent;

/// <summary>The lot's remaining mass (<c>MassKg</c>) went on the market in <c>Country</c>.</summary>
public sealed record LotPlacedOnMarket(Guid LotId, Guid ActedBy, string Country, decimal MassKg, DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

public sealed record LotCollectedAsWaste(Guid LotId, Guid ActedBy, WasteKind WasteKind, DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

public sealed record LotTreated(
    Guid LotId, Guid ActedBy, TreatmentRoute Route, decimal MassKg, DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

/// <summary>The remaining mass was measured again: <c>CorrectedRemainingKg</c> replaces <c>PreviousRemainingKg</c>.</summary>
public sealed record LotMassCorrected(
    Guid LotId, Guid ActedBy, decimal PreviousRemainingKg, decimal CorrectedRemainingKg, string Reason,
    DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

/// <summary>An output lot of a transformation starts, with derived (or declared) composition and provenance.</summary>
public sealed record LotProduced(
    Guid LotId,
    string LotNumber,
    Guid ActedBy,
    Guid TransformationId,
    MaterialCategory Category,
    string Material,
    decimal MassKg,
    string OriginCountry,
    IReadOnlyDictionary<string, decimal> Composition,
    IReadOnlyDictionary<string, Dictionary<string, decimal>> Provenance,
    string? ProductType,
    int? Units,
    DateTimeOffset OccurredAt) : RecordedEvent, ILotStarted
{
    /// <summary>The output's GS1 class (canonical Digital Link), when it has one.</summary>
    public string? EpcClass { get; init; }
}

/// <summary>
/// An EPCIS event named the lot without moving mass (a receiving, an inspection, a sensor report): kept in its history
/// as an observation, by its EPCIS eventID (or Event Hash ID), its type and business step.
/// </summary>
public sealed record LotObserved(
    Guid LotId, Guid ActedBy, string EventId, string EventType, string? BizStep, string? Disposition,
    DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

/// <summary>Some of the lot's mass went into a transformation.</summary>
public sealed record LotConsumed(
    Guid LotId, Guid ActedBy, Guid TransformationId, decimal MassKg, DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

/// <summary>
/// <c>MassKg</c> of the lot's remaining mass left it as a lot of its own (<c>PartLotId</c>), which is then
/// transferred: a partial transfer.
/// </summary>
public sealed record LotSplit(
    Guid LotId, Guid ActedBy, Guid PartLotId, decimal MassKg, DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

/// <summary>
/// A lot starts as a part of another (<c>ParentLotId</c>; <c>SplitPath</c> lists every lot it was split off, the
/// parent last): what the parent is (owner, material, composition, provenance, stage, GS1 class) is copied, so the part reads as
/// its parent did; whoever saw the parent sees the part. Its mass is not new supply: the projections count it once,
/// through the parent, wherever the parent is counted.
/// </summary>
public sealed record LotSplitOff(
    Guid LotId,
    string LotNumber,
    Guid ActedBy,
    Guid ParentLotId,
    IReadOnlyList<Guid> SplitPath,
    Guid OwnerId,
    IReadOnlyList<Guid> Custodians,
    MaterialCategory Category,
    string Material,
    decimal MassKg,
    string OriginCountry,
    IReadOnlyDictionary<string, decimal> Composition,
    IReadOnlyDictionary<string, Dictionary<string, decimal>> Provenance,
    string? Site,
    string? ProductType,
    LotStage Stage,
    WasteKind? WasteKind,
    string? MarketCountry,
    DateTimeOffset OccurredAt,
    string? EpcClass = null) : RecordedEvent, ILotStarted
{
    /// <summary>
    /// The part of <paramref name="parent"/>, numbered after it with random digits of its own id (<c>FLK-1/3f9a02c1</c>):
    /// unlike a counter, the number neither says how many parts there are nor collides with a number the owner chose.
    /// </summary>
    public static LotSplitOff Of(Lot parent, Guid partLotId, Guid actedBy, decimal massKg, DateTimeOffset occurredAt) => new(
        partLotId, $"{parent.LotNumber}/{partLotId.ToString("N")[^8..]}", actedBy, parent.Id, [.. parent.SplitPath, parent.Id],
        parent.OwnerId, parent.Custodians, parent.Category, parent.Material, massKg, parent.OriginCountry, parent.Composition,
        parent.Provenance, parent.Site, parent.ProductType, parent.Stage, parent.WasteKind, parent.MarketCountry, occurredAt,
        parent.EpcClass);
}

/// <summary>The holder or owner let <c>GranteeId</c> read the lot (<c>Scope</c>), until <c>ExpiresAt</c> when given.
/// <c>OccurredAt</c> is when it was granted: a grant is the registry's act, not the world's.</summary>
public sealed record LotReadGranted(
    Guid LotId, Guid ActedBy, Guid GrantId, Guid GranteeId, GrantScope Scope, DateTimeOffset? ExpiresAt,
    DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

/// <summary>The grant stops: its grantee reads the lot no more, from this event on.</summary>
public sealed record LotReadGrantRevoked(Guid LotId, Guid ActedBy, Guid GrantId, DateTimeOffset OccurredAt) : RecordedEvent, ILotEvent;

using Registry.Domain.Materials;
using Registry.Domain.Lots.Sharing;
using Registry.Domain.Organizations;

namespace Registry.Domain.Lots;

/// <summary>
/// A lot's state, folded from its stream. Immutable: every fold returns a new value, because Marten keeps
/// fetched aggregates in its identity map.
/// </summary>
public sealed record Lot
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public required string LotNumber { get; init; }
    public Guid OwnerId { get; init; }
    public Guid HolderId { get; init; }
    /// <summary>Every organization that has held the lot, owner first: they may read it.</summary>
    public IReadOnlyList<Guid> Custodians { get; init; } = [];
    public MaterialCategory Category { get; init; }
    public required string Material { get; init; }
    public string? ProductType { get; init; }
    public int? Units { get; init; }
    public string? Site { get; init; }
    /// <summary>Its GS1 identity (canonical Digital Link of a GTIN with lot), unique among the lots its owner registered;
    /// parts share their parent's.</summary>
    public string? EpcClass { get; init; }
    public required string OriginCountry { get; init; }
    public decimal MassKg { get; init; }
    public decimal RemainingKg { get; init; }
    public LotStage Stage { get; init; }
    public WasteKind? WasteKind { get; init; }
    public string? MarketCountry { get; init; }
    public IReadOnlyDictionary<string, decimal> Composition { get; init; } = new Dictionary<string, decimal>();
    public IReadOnlyDictionary<string, Dictionary<string, decimal>> Provenance { get; init; } =
        new Dictionary<string, Dictionary<string, decimal>>();
    public DateTimeOffset LastOccurredAt { get; init; }
    /// <summary>When the event that starts its stream happened (for a part, the partial transfer's time).</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>The transformation that produced the lot; null for registered lots.</summary>
    public Guid? ProducedBy { get; init; }
    /// <summary>The lot this one was split off (a partial transfer); null otherwise.</summary>
    public Guid? SplitFrom { get; init; }
    /// <summary>Every lot this one was split off, its parent last: a part of a part names both.</summary>
    public IReadOnlyList<Guid> SplitPath { get; init; } = [];
    /// <summary>Every read grant made on the lot, revoked and expired ones too, in the order made.</summary>
    public IReadOnlyList<LotGrant> Grants { get; init; } = [];
    /// <summary>Every organization a grant was ever made to, stored with the lot so that an index (lot_grantees) finds a
    /// grantee's lots; whether a grant still holds is read from <see cref="Grants"/>.</summary>
    public IReadOnlyList<Guid> Grantees => [.. Grants.Select(g => g.GranteeId).Distinct()];

    /// <summary>
    /// Who may read the lot, and so learn that it exists: the organizations that have held it (its owner first) and
    /// those it is shared with by a grant active at <paramref name="now"/>; ministries and admins read every lot.
    /// Every read and write names an unseen lot as it names a missing one. The SQL filters of lot lists
    /// (LotVisibilitySql) say the same.
    /// </summary>
    public bool IsVisibleTo(Guid organizationId, OrganizationRole role, DateTimeOffset now) =>
        role is OrganizationRole.Ministry or OrganizationRole.Admin || IsVisibleToCompany(organizationId, now);

    /// <summary>
    /// Whether the lot, upstream of <paramref name="root"/>, shows in the root's trace to the organization: when it
    /// may see the lot itself, or holds an active <see cref="GrantScope.Trace"/> grant on the root whose granter may.
    /// </summary>
    public bool IsVisibleInTraceOf(Lot root, Guid organizationId, OrganizationRole role, DateTimeOffset now) =>
        IsVisibleTo(organizationId, role, now)
        || root.Grants.Any(g => g.GranteeId == organizationId && g.Scope == GrantScope.Trace && g.IsActive(now)
                                && IsVisibleToCompany(g.GrantedBy, now));

    private bool IsVisibleToCompany(Guid organizationId, DateTimeOffset now) =>
        Custodians.Contains(organizationId) || Grants.Any(g => g.GranteeId == organizationId && g.IsActive(now));

    /// <summary>The lot as the event that starts its stream leaves it.</summary>
    public static Lot Start(ILotStarted e) => e switch
    {
        LotRegistered registered => From(registered),
        LotProduced produced => From(produced),
        LotSplitOff part => From(part),
        _ => throw new ArgumentException($"{e.GetType().Name} starts no lot.", nameof(e)),
    };

    private static Lot From(LotRegistered e) =>
        New(e.LotId, e.LotNumber, e.ActedBy, e.Category, e.Material, e.MassKg, e.OriginCountry, e.Composition,
            e.Provenance, e.OccurredAt) with
        {
            ProductType = e.ProductType,
            Units = e.Units,
            Site = e.Site,
            Stage = e.WasteKind is null ? LotStage.Active : LotStage.Waste,
            WasteKind = e.WasteKind,
            EpcClass = e.EpcClass,
        };

    private static Lot From(LotProduced e) =>
        New(e.LotId, e.LotNumber, e.ActedBy, e.Category, e.Material, e.MassKg, e.OriginCountry, e.Composition,
            e.Provenance, e.OccurredAt) with
        {
            ProductType = e.ProductType, Units = e.Units, ProducedBy = e.TransformationId, EpcClass = e.EpcClass,
        };

    private static Lot From(LotSplitOff e) =>
        New(e.LotId, e.LotNumber, e.OwnerId, e.Category, e.Material, e.MassKg, e.OriginCountry, e.Composition,
            e.Provenance, e.OccurredAt) with
        {
            HolderId = e.ActedBy,
            Custodians = e.Custodians,
            Site = e.Site,
            ProductType = e.ProductType,
            Stage = e.Stage,
            WasteKind = e.WasteKind,
            MarketCountry = e.MarketCountry,
            SplitFrom = e.ParentLotId,
            SplitPath = e.SplitPath,
            EpcClass = e.EpcClass,
        };

    private static Lot New(
        Guid id, string lotNumber, Guid owner, MaterialCategory category, string material, decimal massKg,
        string originCountry, IReadOnlyDictionary<string, decimal> composition,
        IReadOnlyDictionary<string, Dictionary<string, decimal>> provenance, DateTimeOffset occurredAt) => new()
    {
        Id = id,
        LotNumber = lotNumber,
        OwnerId = owner,
        HolderId = owner,
        Custodians = [owner],
        Category = category,
        Material = material,
        OriginCountry = originCountry,
        MassKg = massKg,
        RemainingKg = massKg,
        Stage = LotStage.Active,
        Composition = composition,
        Provenance = provenance,
        LastOccurredAt = occurredAt,
        StartedAt = occurredAt,
    };

    /// <summary>Folds any event that follows the lot's start. (Named so that Marten does not take the per-event
    /// methods as conventions: the inline projection calls this and <see cref="Start"/>.)</summary>
    public Lot Fold(ILotEvent e) => e switch
    {
        LotTransferred transferred => On(transferred),
        LotPlacedOnMarket placed => On(placed),
        LotCollectedAsWaste collected => On(collected),
        LotTreated treated => On(treated),
        LotMassCorrected corrected => On(corrected),
        LotConsumed consumed => On(consumed),
        LotSplit split => On(split),
        // Seen, not changed: an observation's time does not bind the lot's later events either.
        LotObserved => this,
        // Grants change who reads the lot, not the lot: they bind no later event's time.
        LotReadGranted granted => this with
        {
            Grants = [.. Grants, new LotGrant(granted.GrantId, granted.GranteeId, granted.Scope, granted.ActedBy,
                granted.OccurredAt, granted.ExpiresAt)],
        },
        LotReadGrantRevoked revoked => this with
        {
            Grants = [.. Grants.Select(g => g.Id == revoked.GrantId ? g with { Revoked = true } : g)],
        },
        _ => throw new ArgumentException($"{e.GetType().Name} does not follow a lot's start.", nameof(e)),
    };

    private Lot On(LotTransferred e) => this with
    {
        HolderId = e.ToOrganizationId,
        Custodians = Custodians.Contains(e.ToOrganizationId) ? Custodians : [.. Custodians, e.ToOrganizationId],
        LastOccurredAt = e.OccurredAt,
    };

    private Lot On(LotPlacedOnMarket e) =>
        this with { Stage = LotStage.OnMarket, MarketCountry = e.Country, LastOccurredAt = e.OccurredAt };

    private Lot On(LotCollectedAsWaste e) =>
        this with { Stage = LotStage.Waste, WasteKind = e.WasteKind, LastOccurredAt = e.OccurredAt };

    private Lot On(LotTreated e) => WithRemaining(RemainingKg - e.MassKg, MassKg, e.OccurredAt);

    private Lot On(LotConsumed e) => WithRemaining(RemainingKg - e.MassKg, MassKg, e.OccurredAt);

    private Lot On(LotSplit e) => WithRemaining(RemainingKg - e.MassKg, MassKg, e.OccurredAt);

    private Lot On(LotMassCorrected e) =>
        WithRemaining(e.CorrectedRemainingKg, MassKg + e.CorrectedRemainingKg - e.PreviousRemainingKg, e.OccurredAt);

    private Lot WithRemaining(decimal remainingKg, decimal massKg, DateTimeOffset occurredAt) => this with
    {
        RemainingKg = remainingKg,
        MassKg = massKg,
        Stage = remainingKg == 0 ? LotStage.Closed : Stage,
        LastOccurredAt = occurredAt,
    };
}

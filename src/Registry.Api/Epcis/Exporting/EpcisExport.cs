using Marten;
using System.Globalization;
using System.Text.Json.Nodes;
using Registry.Api.Epcis.Hashing;
using Registry.Api.Epcis.Storing;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Transformations;

namespace Registry.Api.Epcis.Exporting;

/// <summary>
/// The export direction of epcis.md ("Where EPCIS meets lots", read backwards): one decision's domain events as the
/// EPCIS 2.0 events a partner's client reads through <c>/epcis/events</c>, each a row of the repository table with its
/// Event Hash ID as <c>eventID</c> and <c>cmr:eventHash</c>. Pure: everything it reads is in its arguments.
/// <list type="bullet">
/// <item>LotRegistered → ObjectEvent ADD <c>commissioning</c>, the lot described in ILMD.</item>
/// <item>TransformationRecorded (with its LotConsumed and LotProduced) → one TransformationEvent; the outputs are
/// described in ILMD <c>cmr:outputs</c>, one entry per output class.</item>
/// <item>LotTransferred → ObjectEvent OBSERVE <c>shipping</c>, owning parties as source and destination; with the
/// LotSplit and LotSplitOff of a partial transfer, one event with the shipped quantity.</item>
/// <item>LotPlacedOnMarket → <c>retail_selling</c>; LotCollectedAsWaste → <c>collecting</c>; LotTreated →
/// <c>destroying</c>; LotMassCorrected → an OBSERVE without business step, <c>cmr:registryEvent</c> saying what
/// happened.</item>
/// </list>
/// Every exported ObjectEvent names its registry lot as <c>cmr:lot</c>, and each that follows a lot's start the lot's
/// stream version after it as <c>cmr:lotVersion</c>: the registry tells apart events EPCIS alone would not (two
/// organizations commissioning one class alike, two equal treatments of one lot at one time, a lot shipped A→B→A→B),
/// so their Event Hash IDs differ and the repository's unique hash index never refuses a legitimate command.
/// Events that are about no lot (organizations, …) export nothing.
/// </summary>
public static class EpcisExport
{
    public const string CmrPrefix = "cmr";
    public const string CmrNamespace = "urn:circular-material-registry:";
    /// <summary>CBV master-data attributes, as the EPCIS 2.0 standard context declares <c>cbvmda</c>.</summary>
    public const string CbvMdaNamespace = "urn:epcglobal:cbv:mda:";
    public const string MassUnit = "KGM";

    /// <summary>The prefixes the exported events use: the <c>@context</c> of their rows.</summary>
    public static JsonObject Context() => new() { [CmrPrefix] = CmrNamespace, ["cbvmda"] = CbvMdaNamespace };

    /// <summary>A registry lot as a URI: <c>urn:circular-material-registry:lot:{id}</c>.</summary>
    public static string LotUri(Guid lotId) => $"{CmrNamespace}lot:{lotId}";

    public static string TransformationUri(Guid transformationId) => $"{CmrNamespace}transformation:{transformationId}";

    /// <summary>An organization as owning party: its party GLN as GS1 Digital Link, else its registry id.</summary>
    public static string OrganizationUri(Guid organizationId, ExportOrganization? organization) =>
        organization?.Gln is { Length: > 0 } gln ? $"https://id.gs1.org/417/{gln}" : $"{CmrNamespace}organization:{organizationId}";

    /// <summary>
    /// The class EPCIS names a lot by: its GS1 identity, else the registry lot it descends from by partial transfers
    /// (its own id when it is no part) — as parts share their parent's GS1 class, they share its registry class.
    /// </summary>
    public static string ClassOf(Lot lot) => ClassOf(lot.EpcClass, lot.SplitPath.Count > 0 ? lot.SplitPath[0] : lot.Id);

    private static string ClassOf(string? epcClass, Guid rootLotId) => epcClass ?? LotUri(rootLotId);

    /// <summary>Adds the decision's EPCIS events to the session that appends the decision.</summary>
    public static void Queue(IDocumentOperations session, IReadOnlyList<object> decisionEvents, ExportContext context)
    {
        foreach (var row in Rows(decisionEvents, context)) row.QueueInsert(session);
    }

    /// <summary>
    /// The EPCIS events of one decision's domain events (in the order the decision appends them), one row each, in
    /// decision order. A lot event with no mapping, or the parts of a transformation or partial transfer without
    /// their whole, is an <see cref="ArgumentException"/>: it would otherwise be missing from the repository silently.
    /// </summary>
    public static IReadOnlyList<StoredEpcisEvent> Rows(IReadOnlyList<object> decisionEvents, ExportContext context) =>
        [.. Mapped(decisionEvents, context).Select(e => e.Row())];

    /// <summary>As <see cref="Rows"/>, before hashing: what a decision maps to depends on the lots as it found them,
    /// its hashing on nothing else, so an import hashes a batch's events side by side.</summary>
    public static IReadOnlyList<ExportedEvent> Mapped(IReadOnlyList<object> decisionEvents, ExportContext context)
    {
        var lots = new Lots(context);
        var transformations = decisionEvents.OfType<TransformationRecorded>().Select(t => t.TransformationId).ToHashSet();
        var splits = decisionEvents.OfType<LotSplit>().ToDictionary(s => s.PartLotId);
        var parts = decisionEvents.OfType<LotSplitOff>().ToDictionary(p => p.LotId);
        var transferred = decisionEvents.OfType<LotTransferred>().Select(t => t.LotId).ToHashSet();

        var rows = new List<ExportedEvent>();
        foreach (var e in decisionEvents)
        {
            var exported = e switch
            {
                LotRegistered registered => Commissioning(registered),
                TransformationRecorded recorded => Transformation(recorded, decisionEvents, lots),
                LotTransferred part when splits.TryGetValue(part.LotId, out var split) =>
                    PartShipping(split, parts.TryGetValue(part.LotId, out var off) ? off : throw Incomplete(split), part,
                        lots.Before(split.LotId), context),
                LotTransferred whole => Shipping(whole, lots.Before(whole.LotId), context),
                LotPlacedOnMarket placed => Placing(placed, lots.Before(placed.LotId)),
                LotCollectedAsWaste collected => Collecting(collected, lots.Before(collected.LotId)),
                LotTreated treated => Treating(treated, lots.Before(treated.LotId)),
                LotMassCorrected corrected => Correcting(corrected, lots.Before(corrected.LotId)),
                LotConsumed consumed when transformations.Contains(consumed.TransformationId) => null,
                LotProduced produced when transformations.Contains(produced.TransformationId) => null,
                LotSplit split when parts.ContainsKey(split.PartLotId) && transferred.Contains(split.PartLotId) => null,
                LotSplitOff off when splits.ContainsKey(off.LotId) && transferred.Contains(off.LotId) => null,
                LotObserved => null, // recorded by a capture, whose EPCIS event is stored as captured
                LotReadGranted or LotReadGrantRevoked => null, // who may read a lot is no supply-chain event
                ILotEvent other => throw Incomplete(other),
                _ => null,
            };
            if (exported is not null) rows.Add(new(exported, context.ActorOrganizationId, context.RecordTime));
            lots.Apply(e);
        }
        return rows;
    }

    private static ArgumentException Incomplete(object e) => new(
        $"{e.GetType().Name} exports only with the rest of its decision (a transformation's TransformationRecorded, a " +
        "partial transfer's LotSplit, LotSplitOff and LotTransferred); a lot event without an EPCIS mapping is a bug.",
        "decisionEvents");

    /// <summary>One EPCIS event before the repository's fields, and the registry lots it is about.</summary>
    internal sealed record Exported(JsonObject Event, IReadOnlyList<Guid> LotIds);

    /// <summary>A decision's EPCIS event as mapped, with who recorded it when: all its row needs.</summary>
    public sealed class ExportedEvent
    {
        private readonly Exported exported;
        private readonly Guid recordedBy;
        private readonly DateTimeOffset recordTime;

        internal ExportedEvent(Exported exported, Guid recordedBy, DateTimeOffset recordTime) =>
            (this.exported, this.recordedBy, this.recordTime) = (exported, recordedBy, recordTime);

        /// <summary>The row: hashed as captured (no <c>eventID</c>, <c>recordTime</c>, <c>cmr:eventHash</c>), then
        /// answered with them. Reads only this event's own nodes, so rows may be made on several threads.</summary>
        public StoredEpcisEvent Row()
        {
            var prefixes = Context();
            var hash = EventHashes.Of(exported.Event, prefixes);
            var document = new JsonObject { ["type"] = exported.Event["type"]!.DeepClone(), ["eventID"] = hash };
            foreach (var (key, value) in exported.Event)
            {
                if (key == "type") continue;
                document[key] = value?.DeepClone();
                if (key == "eventTimeZoneOffset") document["recordTime"] = Time(recordTime);
            }
            document[$"{CmrPrefix}:eventHash"] = hash;
            return StoredEpcisEvent.Of(document, prefixes, hash, recordedBy, exported.LotIds, captureId: null);
        }
    }

    private static Exported Commissioning(LotRegistered e)
    {
        var ilmd = Description(e.LotNumber, e.Category, e.Material, e.Composition, e.Provenance, e.OriginCountry,
            e.ProductType, e.Units);
        if (e.Site is not null) ilmd[Cmr("site")] = e.Site;
        if (e.WasteKind is { } wasteKind) ilmd[Cmr("wasteKind")] = wasteKind.ToString();
        var epcisEvent = ObjectEvent("ADD", e.OccurredAt, Quantity(ClassOf(e.EpcClass, e.LotId), e.MassKg), "commissioning");
        epcisEvent["ilmd"] = ilmd;
        epcisEvent[Cmr("lot")] = LotUri(e.LotId);
        return new(epcisEvent, [e.LotId]);
    }

    private static Exported Transformation(TransformationRecorded e, IReadOnlyList<object> decisionEvents, Lots lots)
    {
        var produced = decisionEvents.OfType<LotProduced>()
            .Where(p => p.TransformationId == e.TransformationId)
            .ToDictionary(p => p.LotId);
        var outputs = e.Outputs
            .Select(o => produced.TryGetValue(o.LotId, out var p) ? p
                : throw new ArgumentException($"Output lot {o.LotId} of transformation {e.TransformationId} has no LotProduced.", nameof(decisionEvents)))
            .ToList();

        var described = new JsonArray();
        foreach (var p in outputs)
        {
            var output = new JsonObject { ["epcClass"] = ClassOf(p.EpcClass, p.LotId) };
            foreach (var (key, value) in Description(p.LotNumber, p.Category, p.Material, p.Composition, p.Provenance,
                         p.OriginCountry, p.ProductType, p.Units).ToList())
                output[key] = value?.DeepClone();
            described.Add(output);
        }

        var epcisEvent = new JsonObject
        {
            ["type"] = "TransformationEvent",
            ["eventTime"] = Time(e.OccurredAt),
            ["eventTimeZoneOffset"] = Offset(e.OccurredAt),
            ["inputQuantityList"] = new JsonArray([.. e.Inputs.Select(i => Quantity(ClassOf(lots.Before(i.LotId)), i.MassKg))]),
            ["outputQuantityList"] = new JsonArray([.. outputs.Select(p => Quantity(ClassOf(p.EpcClass, p.LotId), p.MassKg))]),
            ["transformationID"] = TransformationUri(e.TransformationId),
            ["bizStep"] = e.Process == TransformationProcess.Dismantling ? "disassembling" : "commissioning",
            ["ilmd"] = new JsonObject { [Cmr("outputs")] = described },
            [Cmr("process")] = e.Process.ToString(),
        };
        return new(epcisEvent, [.. e.Inputs.Select(i => i.LotId), .. outputs.Select(p => p.LotId)]);
    }

    private static Exported Shipping(LotTransferred e, Lot lot, ExportContext context)
    {
        var epcisEvent = ShippingEvent(e, ClassOf(lot), context);
        Name(epcisEvent, e.LotId, lot.Version + 1);
        return new(epcisEvent, [e.LotId]);
    }

    /// <summary>A partial transfer: the sender's lot (<c>cmr:lot</c>, its version after the split) ships a quantity
    /// that becomes the receiver's lot (<c>cmr:partLot</c>), of the same class.</summary>
    private static Exported PartShipping(LotSplit split, LotSplitOff part, LotTransferred e, Lot parentAfterSplit, ExportContext context)
    {
        var epcisEvent = ShippingEvent(e, ClassOf(part.EpcClass, part.SplitPath.Count > 0 ? part.SplitPath[0] : split.LotId), context);
        Name(epcisEvent, split.LotId, parentAfterSplit.Version);
        epcisEvent[Cmr("partLot")] = LotUri(part.LotId);
        return new(epcisEvent, [split.LotId, part.LotId]);
    }

    private static JsonObject ShippingEvent(LotTransferred e, string epcClass, ExportContext context)
    {
        var epcisEvent = ObjectEvent("OBSERVE", e.OccurredAt, Quantity(epcClass, e.MassKg), "shipping");
        epcisEvent["sourceList"] = new JsonArray(new JsonObject
        {
            ["type"] = "owning_party", ["source"] = OrganizationUri(e.ActedBy, context.Organizations(e.ActedBy)),
        });
        epcisEvent["destinationList"] = new JsonArray(new JsonObject
        {
            ["type"] = "owning_party",
            ["destination"] = OrganizationUri(e.ToOrganizationId, context.Organizations(e.ToOrganizationId)),
        });
        epcisEvent[Cmr("fromCountry")] = e.FromCountry;
        epcisEvent[Cmr("toCountry")] = e.ToCountry;
        return epcisEvent;
    }

    private static Exported Placing(LotPlacedOnMarket e, Lot lot) =>
        Observed(e, lot, e.MassKg, "retail_selling", (Cmr("country"), e.Country));

    /// <summary>The whole remaining mass becomes waste: the quantity is what remained of the lot.</summary>
    private static Exported Collecting(LotCollectedAsWaste e, Lot lot) =>
        Observed(e, lot, lot.RemainingKg, "collecting", (Cmr("wasteKind"), e.WasteKind.ToString()));

    private static Exported Treating(LotTreated e, Lot lot) =>
        Observed(e, lot, e.MassKg, "destroying", (Cmr("route"), e.Route.ToString()));

    /// <summary>A new measurement: the quantity observed is the corrected remaining mass; no CBV step says "corrected".</summary>
    private static Exported Correcting(LotMassCorrected e, Lot lot) =>
        Observed(e, lot, e.CorrectedRemainingKg, null,
            (Cmr("registryEvent"), LotEventNames.Of(e)),
            (Cmr("previousRemainingKg"), Number(e.PreviousRemainingKg)),
            (Cmr("reason"), e.Reason));

    private static Exported Observed(ILotEvent e, Lot lot, decimal massKg, string? bizStep, params (string Key, JsonNode? Value)[] extensions)
    {
        var epcisEvent = ObjectEvent("OBSERVE", e.OccurredAt, Quantity(ClassOf(lot), massKg), bizStep);
        foreach (var (key, value) in extensions) epcisEvent[key] = value;
        Name(epcisEvent, e.LotId, lot.Version + 1);
        return new(epcisEvent, [e.LotId]);
    }

    /// <summary>The registry lot an event is about, and its stream version after the event.</summary>
    private static void Name(JsonObject epcisEvent, Guid lotId, int versionAfter)
    {
        epcisEvent[Cmr("lot")] = LotUri(lotId);
        epcisEvent[Cmr("lotVersion")] = versionAfter;
    }

    private static JsonObject ObjectEvent(string action, DateTimeOffset occurredAt, JsonObject quantity, string? bizStep)
    {
        var epcisEvent = new JsonObject
        {
            ["type"] = "ObjectEvent",
            ["eventTime"] = Time(occurredAt),
            ["eventTimeZoneOffset"] = Offset(occurredAt),
            ["quantityList"] = new JsonArray(quantity),
            ["action"] = action,
        };
        if (bizStep is not null) epcisEvent["bizStep"] = bizStep;
        return epcisEvent;
    }

    /// <summary>What a new lot is, as ILMD (or one entry of <c>cmr:outputs</c>): the fields capture reads back.</summary>
    private static JsonObject Description(
        string lotNumber, MaterialCategory category, string material, IReadOnlyDictionary<string, decimal> composition,
        IReadOnlyDictionary<string, Dictionary<string, decimal>> provenance, string originCountry, string? productType, int? units)
    {
        var description = new JsonObject
        {
            ["cbvmda:lotNumber"] = lotNumber,
            [Cmr("category")] = category.ToString(),
            [Cmr("material")] = material,
        };
        if (composition.Count > 0) description[Cmr("composition")] = Shares(composition);
        if (provenance.Count > 0)
            description[Cmr("provenance")] = new JsonObject(provenance
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, Shares(p.Value))));
        if (productType is not null) description[Cmr("productType")] = productType;
        if (units is { } count) description[Cmr("units")] = count;
        description["cbvmda:countryOfOrigin"] = originCountry;
        return description;
    }

    private static JsonObject Shares(IReadOnlyDictionary<string, decimal> shares) => new(shares
        .OrderBy(s => s.Key, StringComparer.Ordinal)
        .Select(s => KeyValuePair.Create<string, JsonNode?>(s.Key, Number(s.Value))));

    private static JsonObject Quantity(string epcClass, decimal massKg) =>
        new() { ["epcClass"] = epcClass, ["quantity"] = Number(massKg), ["uom"] = MassUnit };

    /// <summary>A decimal as a JSON number, exactly, without trailing zeros (100.500 → 100.5).</summary>
    private static JsonValue Number(decimal value) =>
        JsonValue.Create(decimal.Parse(value.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>RFC 3339 with the time's own offset, sub-second digits only when there are any.</summary>
    private static string Time(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static string Offset(DateTimeOffset time) => time.ToString("zzz", CultureInfo.InvariantCulture);

    private static string Cmr(string name) => $"{CmrPrefix}:{name}";

    /// <summary>The lots as each event of the decision finds them: those the decision started or changed so far,
    /// else as they were before it; each event the decision appends to a lot's stream counts one version.</summary>
    private sealed class Lots(ExportContext context)
    {
        private readonly Dictionary<Guid, Lot> _changed = [];

        public Lot Before(Guid lotId) =>
            Find(lotId) ?? throw new ArgumentException($"The decision names lot {lotId}, which the export context does not know.");

        private Lot? Find(Guid lotId) => _changed.TryGetValue(lotId, out var lot) ? lot : context.LotBefore(lotId);

        public void Apply(object e)
        {
            if (e is ILotStarted started) _changed[started.LotId] = Lot.Start(started) with { Version = 1 };
            else if (e is ILotEvent lotEvent && Find(lotEvent.LotId) is { } lot)
                _changed[lotEvent.LotId] = lot.Fold(lotEvent) with { Version = lot.Version + 1 };
        }
    }
}

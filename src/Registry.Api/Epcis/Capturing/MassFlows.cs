using System.Text.Json.Nodes;
using Registry.Api.Imports;
using Registry.Api.Lots.CollectingWaste;
using Registry.Api.Lots.Placing;
using Registry.Api.Lots.Registering;
using Registry.Api.Lots.Transferring;
using Registry.Api.Lots.Treating;
using Registry.Api.Operations;
using Registry.Api.Transformations.Recording;
using Registry.Domain.Lots;
using Registry.Domain.Organizations;
using Registry.Api.Infrastructure;

namespace Registry.Api.Epcis.Capturing;

/// <summary>A request for one catalogue operation, on the lot it names (for operations on a lot).</summary>
public sealed record FlowLine(IOperation Operation, Guid? LotId, JsonObject Body);

/// <summary>What a captured event does to the registry's lots: the operations it stands for, or the lots it only
/// observes, or why it cannot be applied.</summary>
public sealed record MassFlow(IReadOnlyList<FlowLine> Lines, IReadOnlyList<Guid> Observed, string? ErrorCode, string? Error, int Status = 409)
{
    public static readonly MassFlow None = new([], [], null, null);
    public static MassFlow Refused(string code, string message, int status = 409) => new([], [], code, message, status);
}

/// <summary>
/// The mass-flow mapping of epcis.md, read forwards: which catalogue operations a captured event stands for, against
/// the capturer's lots as the batch knows them (docs/adr/0011). A quantity of a class applies to the capturer's held
/// lots of that class in registration order: the first with enough remaining mass.
/// </summary>
internal static class MassFlows
{
    /// <param name="organizationByGln">The registered organization of a party GLN, or null.</param>
    public static MassFlow Of(EventVocabulary e, ImportBatch batch, Func<string, Organization?> organizationByGln)
    {
        if (UnknownRegistryField(e) is { } refused) return refused;
        if (e.Type == "TransformationEvent") return Transformation(e, batch);
        if (e.Type != "ObjectEvent") return Observation(e, batch);
        var masses = e.Masses("quantityList");
        if (e.IsCommissioning)
            return e.RegistryFieldsOf(e.Event["ilmd"] as JsonObject) is { Count: > 0 } ? Commissioning(e, batch, masses) : MassFlow.None;
        if (masses.Count == 0) return Observation(e, batch);
        var fields = e.RegistryFieldsOf(e.Event);
        var occurredAt = JsonValue.Create(e.EventTime);
        // Custody moves to another registered organization only: a shipment between one's own sites, or to a party the
        // registry does not know, is an observation.
        var receiver = e.BizStep == "shipping"
            ? e.OwningParties("destinationList").Select(organizationByGln)
                .FirstOrDefault(o => o is not null && o.Id != batch.Actor.OrganizationId)
            : null;
        return e.BizStep switch
        {
            "shipping" when receiver is not null =>
                OnHeldLots(e, batch, masses, whole: false, (lot, kg) => new(TransferLotEndpoint.Operation, lot.Id, new JsonObject
                {
                    ["toOrganization"] = receiver.Name,
                    ["occurredAt"] = occurredAt.DeepClone(),
                    ["massKg"] = kg < lot.RemainingKg ? kg : null,
                })),
            "retail_selling" => Placing(e, batch, masses, fields, occurredAt),
            "collecting" => OnHeldLots(e, batch, masses, whole: true, (lot, _) => new(CollectLotAsWasteEndpoint.Operation, lot.Id, new JsonObject
            {
                ["occurredAt"] = occurredAt.DeepClone(), ["wasteKind"] = fields.GetValueOrDefault("wasteKind")?.DeepClone(),
            })),
            "destroying" => Treatment(e, batch, masses, fields, occurredAt),
            _ when e.Disposition is "destroyed" or "disposed" => Treatment(e, batch, masses, fields, occurredAt),
            _ when e.IsPlacingOnMarket => Placing(e, batch, masses, fields, occurredAt),
            _ => Observation(e, batch),
        };
    }

    private static MassFlow Placing(
        EventVocabulary e, ImportBatch batch, IReadOnlyList<(string Class, decimal Kg)> masses, Dictionary<string, JsonNode?> fields,
        JsonValue occurredAt) =>
        OnHeldLots(e, batch, masses, whole: true, (lot, _) => new(PlaceLotOnMarketEndpoint.Operation, lot.Id, new JsonObject
        {
            ["occurredAt"] = occurredAt.DeepClone(),
            ["country"] = fields.GetValueOrDefault("country")?.DeepClone() ?? batch.Actor.Country,
        }));

    private static MassFlow Treatment(
        EventVocabulary e, ImportBatch batch, IReadOnlyList<(string Class, decimal Kg)> masses, Dictionary<string, JsonNode?> fields,
        JsonValue occurredAt) =>
        OnHeldLots(e, batch, masses, whole: false, (lot, kg) => new(TreatWasteEndpoint.Operation, lot.Id, new JsonObject
        {
            ["occurredAt"] = occurredAt.DeepClone(), ["route"] = fields.GetValueOrDefault("route")?.DeepClone(), ["massKg"] = kg,
        }));

    /// <summary>A RegisterLot per class: what the lot is from the ILMD, its mass from the quantity.</summary>
    private static MassFlow Commissioning(EventVocabulary e, ImportBatch batch, IReadOnlyList<(string Class, decimal Kg)> masses)
    {
        if (masses.FirstOrDefault(m => Registered(batch, m.Class)) is { Class: { } taken })
            return ClassTaken(taken);
        var ilmd = e.Event["ilmd"] as JsonObject;
        var described = e.RegistryFieldsOf(ilmd);
        var lines = masses.Select(m =>
        {
            var body = Description(described, m.Class, m.Kg);
            body["occurredAt"] = JsonValue.Create(e.EventTime);
            body["originCountry"] = e.CountryOfOrigin(ilmd);
            body["provenance"] = described.GetValueOrDefault("provenance")?.DeepClone();
            return new FlowLine(RegisterLotEndpoint.Operation, null, body);
        }).ToList();
        return new(lines, [], null, null);
    }

    /// <summary>One RecordTransformation: inputs from the capturer's held lots, outputs new lots of their classes,
    /// described by the ILMD (per class under <c>cmr:outputs</c>, else the ILMD's own fields).</summary>
    private static MassFlow Transformation(EventVocabulary e, ImportBatch batch)
    {
        var (inputs, outputs) = (e.Masses("inputQuantityList"), e.Masses("outputQuantityList"));
        var ilmd = e.Event["ilmd"] as JsonObject;
        var shared = e.RegistryFieldsOf(ilmd);
        // Neither inputs the capturer knows nor outputs it describes: an EPCIS transformation like any repository's.
        if (inputs.Count + outputs.Count == 0 || (shared.Count == 0 && !inputs.Any(i => batch.OfClass(i.Class).Any())))
            return Observation(e, batch);
        var lines = new JsonArray();
        // Inputs of classes the capturer may not see are no registry lots (no error tells it they exist elsewhere); the
        // outputs must then balance against the others.
        foreach (var (cls, kg) in inputs.Where(i => batch.OfClass(i.Class).Any()))
        {
            if (Held(batch, cls, kg) is not { } lot) return NotHeld(batch, cls, kg);
            lines.Add(new JsonObject { ["lotId"] = lot.Id, ["massKg"] = kg });
        }
        if (outputs.FirstOrDefault(o => Registered(batch, o.Class)) is { Class: { } taken }) return ClassTaken(taken);
        // An output class described twice (in two spellings) takes its first description.
        var perClass = (shared.GetValueOrDefault("outputs") as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => LotClasses.Canonical(EventVocabulary.Text(o["epcClass"])) is not null)
            .GroupBy(o => LotClasses.Canonical(EventVocabulary.Text(o["epcClass"]))!)
            .ToDictionary(g => g.Key, g => e.RegistryFieldsOf(g.First()));
        var outputLines = new JsonArray();
        foreach (var (cls, kg) in outputs)
            outputLines.Add(Description(perClass.GetValueOrDefault(cls) ?? shared, cls, kg));
        var fields = e.RegistryFieldsOf(e.Event);
        var process = fields.GetValueOrDefault("process")?.DeepClone()
                      ?? (e.BizStep == "disassembling" ? "Dismantling" : "Manufacturing");
        return new([new(RecordTransformationEndpoint.Operation, null, new JsonObject
        {
            ["process"] = process, ["occurredAt"] = JsonValue.Create(e.EventTime), ["inputs"] = lines, ["outputs"] = outputLines,
        })], [], null, null);
    }

    /// <summary>The lot numbers the event's new lots would take (commissioned classes, transformation outputs), so that a
    /// batch loads them in one query rather than one per event.</summary>
    public static IEnumerable<string> LotNumbersTaken(EventVocabulary e) =>
        (e.Type == "TransformationEvent" ? e.Masses("outputQuantityList")
            : e.IsCommissioning ? e.Masses("quantityList") : []).Select(m => ElementString(m.Class));

    /// <summary>A new lot's description: its class's GS1 element string as its lot number, what it is from the cmr fields.</summary>
    private static JsonObject Description(Dictionary<string, JsonNode?> fields, string cls, decimal kg) => new()
    {
        ["lotNumber"] = ElementString(cls),
        ["epcClass"] = cls,
        ["category"] = fields.GetValueOrDefault("category")?.DeepClone(),
        ["material"] = fields.GetValueOrDefault("material")?.DeepClone(),
        ["massKg"] = kg,
        ["composition"] = fields.GetValueOrDefault("composition")?.DeepClone(),
        ["productType"] = fields.GetValueOrDefault("productType")?.DeepClone(),
        ["units"] = fields.GetValueOrDefault("units")?.DeepClone(),
    };

    /// <summary><c>https://id.gs1.org/01/09521234543213/10/ABC</c> → <c>(01)09521234543213(10)ABC</c>.</summary>
    public static string ElementString(string canonicalClass)
    {
        var parts = canonicalClass["https://id.gs1.org/".Length..].Split('/');
        return $"({parts[0]}){parts[1]}({parts[2]}){Uri.UnescapeDataString(parts[3])}";
    }

    /// <param name="whole">The operation acts on a whole lot (placing, collecting): the quantity must be a held lot's
    /// remaining mass, never applied to a larger lot (ship the part first).</param>
    private static MassFlow OnHeldLots(
        EventVocabulary e, ImportBatch batch, IReadOnlyList<(string Class, decimal Kg)> masses, bool whole, Func<Lot, decimal, FlowLine> line)
    {
        var lines = new List<FlowLine>();
        foreach (var (cls, kg) in masses)
        {
            var lot = whole
                ? batch.OfClass(cls).FirstOrDefault(l => l.HolderId == batch.Actor.OrganizationId && l.RemainingKg == kg)
                : Held(batch, cls, kg);
            if (lot is null && whole && Held(batch, cls, kg) is not null)
                return MassFlow.Refused("partial-quantity",
                    $"{kg} kg of {cls} is less than the held lot: the registry places and collects whole lots; ship the part first.");
            if (lot is null) return batch.OfClass(cls).Any() ? NotHeld(batch, cls, kg) : Observation(e, batch);
            lines.Add(line(lot, kg));
        }
        return new(lines, [], null, null);
    }

    /// <summary>A lot of the class that the capturer registered or produced (its parts share the class).</summary>
    private static bool Registered(ImportBatch batch, string cls) =>
        batch.OfClass(cls).Any(l => l.OwnerId == batch.Actor.OrganizationId && l.SplitFrom is null);

    private static MassFlow ClassTaken(string cls) =>
        MassFlow.Refused(MartenSetup.UniqueKeys[3].Code, $"{cls}: {MartenSetup.UniqueKeys[3].Detail}");

    private static Lot? Held(ImportBatch batch, string cls, decimal kg) =>
        batch.OfClass(cls).FirstOrDefault(l => l.HolderId == batch.Actor.OrganizationId && l.RemainingKg >= kg);

    private static MassFlow NotHeld(ImportBatch batch, string cls, decimal kg) =>
        batch.OfClass(cls).Any(l => l.HolderId == batch.Actor.OrganizationId)
            ? MassFlow.Refused("exceeds-remaining-mass", $"No lot of {cls} the capturer holds has {kg} kg remaining.")
            : MassFlow.Refused("not-holder", $"The capturer holds no lot of {cls}.");

    /// <summary>The capturer's lots among the classes the event names: the event is shown in their histories.</summary>
    private static MassFlow Observation(EventVocabulary e, ImportBatch batch) =>
        new([], e.Classes().SelectMany(batch.OfClass).Select(l => l.Id).ToList(), null, null);

    /// <summary>A <c>cmr:</c> key the registry does not know, or one given twice under two prefixes: refused as an unknown
    /// or repeated JSON field is on the routes.</summary>
    private static MassFlow? UnknownRegistryField(EventVocabulary e)
    {
        var holders = new[] { e.Event, e.Event["ilmd"] as JsonObject }.OfType<JsonObject>().ToList();
        if (holders.SelectMany(h => e.RegistryFieldsOf(h).Keys).FirstOrDefault(k => !EventVocabulary.RegistryFields.Contains(k)) is { } unknown)
            return MassFlow.Refused("unknown-field", $"cmr:{unknown} is no field of the registry's namespace ({EventVocabulary.Namespace}).", 400);
        return holders.Select(e.RepeatedRegistryField).FirstOrDefault(k => k is not null) is { } repeated
            ? MassFlow.Refused("repeated-field", $"cmr:{repeated} is given twice (under two prefixes of one namespace).", 400)
            : null;
    }
}

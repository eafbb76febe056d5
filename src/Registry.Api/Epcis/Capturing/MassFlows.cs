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
    public static MassFlow Of(EventVocabulary e, ImportBatch batch, Func<string, string?> organizationByGln)
    {
        if (UnknownRegistryField(e) is { } unknown)
            return MassFlow.Refused("unknown-field", $"{unknown} is no field of the registry's namespace ({EventVocabulary.Namespace}).", 400);
        if (e.Type == "TransformationEvent") return Transformation(e, batch);
        if (e.Type != "ObjectEvent") return Observation(e, batch);
        var masses = e.Masses("quantityList");
        var step = e.BizStep;
        if (e.IsCommissioning)
            return e.RegistryFieldsOf(e.Event["ilmd"] as JsonObject) is { Count: > 0 } ? Commissioning(e, masses) : MassFlow.None;
        if (masses.Count == 0) return Observation(e, batch);
        var fields = e.RegistryFieldsOf(e.Event);
        var occurredAt = JsonValue.Create(e.EventTime);
        return step switch
        {
            "shipping" when e.OwningParties("destinationList").FirstOrDefault() is { } gln =>
                OnHeldLots(e, batch, masses, (lot, kg) => new(TransferLotEndpoint.Operation, lot.Id, new JsonObject
                {
                    ["toOrganization"] = organizationByGln(gln) ?? $"GLN {gln}",
                    ["occurredAt"] = occurredAt.DeepClone(),
                    ["massKg"] = kg < lot.RemainingKg ? kg : null,
                })),
            "retail_selling" => OnHeldLots(e, batch, masses, (lot, _) => new(PlaceLotOnMarketEndpoint.Operation, lot.Id, new JsonObject
            {
                ["occurredAt"] = occurredAt.DeepClone(),
                ["country"] = fields.GetValueOrDefault("country")?.DeepClone() ?? batch.Actor.Country,
            })),
            "collecting" => OnHeldLots(e, batch, masses, (lot, _) => new(CollectLotAsWasteEndpoint.Operation, lot.Id, new JsonObject
            {
                ["occurredAt"] = occurredAt.DeepClone(), ["wasteKind"] = fields.GetValueOrDefault("wasteKind")?.DeepClone(),
            })),
            "destroying" => Treatment(e, batch, masses, fields, occurredAt),
            _ when e.Disposition is "destroyed" or "disposed" => Treatment(e, batch, masses, fields, occurredAt),
            _ when e.IsPlacingOnMarket => OnHeldLots(e, batch, masses, (lot, _) => new(PlaceLotOnMarketEndpoint.Operation, lot.Id,
                new JsonObject
                {
                    ["occurredAt"] = occurredAt.DeepClone(),
                    ["country"] = fields.GetValueOrDefault("country")?.DeepClone() ?? batch.Actor.Country,
                })),
            _ => Observation(e, batch),
        };
    }

    private static MassFlow Treatment(
        EventVocabulary e, ImportBatch batch, IReadOnlyList<(string Class, decimal Kg)> masses, Dictionary<string, JsonNode?> fields,
        JsonValue occurredAt) =>
        OnHeldLots(e, batch, masses, (lot, kg) => new(TreatWasteEndpoint.Operation, lot.Id, new JsonObject
        {
            ["occurredAt"] = occurredAt.DeepClone(), ["route"] = fields.GetValueOrDefault("route")?.DeepClone(), ["massKg"] = kg,
        }));

    /// <summary>A RegisterLot per class: what the lot is from the ILMD, its mass from the quantity.</summary>
    private static MassFlow Commissioning(EventVocabulary e, IReadOnlyList<(string Class, decimal Kg)> masses)
    {
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
        foreach (var (cls, kg) in inputs)
        {
            if (Held(batch, cls, kg) is not { } lot) return NotHeld(batch, cls, kg);
            lines.Add(new JsonObject { ["lotId"] = lot.Id, ["massKg"] = kg });
        }
        var perClass = (shared.GetValueOrDefault("outputs") as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => LotClasses.Canonical(EventVocabulary.Text(o["epcClass"])) is not null)
            .ToDictionary(o => LotClasses.Canonical(EventVocabulary.Text(o["epcClass"]))!, e.RegistryFieldsOf);
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

    private static MassFlow OnHeldLots(
        EventVocabulary e, ImportBatch batch, IReadOnlyList<(string Class, decimal Kg)> masses, Func<Lot, decimal, FlowLine> line)
    {
        var lines = new List<FlowLine>();
        foreach (var (cls, kg) in masses)
        {
            if (Held(batch, cls, kg) is not { } lot) return batch.OfClass(cls).Any() ? NotHeld(batch, cls, kg) : Observation(e, batch);
            lines.Add(line(lot, kg));
        }
        return new(lines, [], null, null);
    }

    private static Lot? Held(ImportBatch batch, string cls, decimal kg) =>
        batch.OfClass(cls).FirstOrDefault(l => l.HolderId == batch.Actor.OrganizationId && l.RemainingKg >= kg);

    private static MassFlow NotHeld(ImportBatch batch, string cls, decimal kg) =>
        batch.OfClass(cls).Any(l => l.HolderId == batch.Actor.OrganizationId)
            ? MassFlow.Refused("exceeds-remaining-mass", $"No lot of {cls} the capturer holds has {kg} kg remaining.")
            : MassFlow.Refused("not-holder", $"The capturer holds no lot of {cls}.");

    /// <summary>The capturer's lots among the classes the event names: the event is shown in their histories.</summary>
    private static MassFlow Observation(EventVocabulary e, ImportBatch batch) =>
        new([], e.Classes().SelectMany(batch.OfClass).Select(l => l.Id).ToList(), null, null);

    private static string? UnknownRegistryField(EventVocabulary e)
    {
        var holders = new[] { e.Event, e.Event["ilmd"] as JsonObject }.OfType<JsonObject>();
        return holders.SelectMany(h => e.RegistryFieldsOf(h).Keys)
            .FirstOrDefault(k => !EventVocabulary.RegistryFields.Contains(k)) is { } key ? "cmr:" + key : null;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Api.Epcis.Exporting;
using Registry.Api.Epcis.Hashing;
using Registry.Api.Epcis.Storing;
using Registry.Api.Epcis.Validating;
using Registry.Domain.Lots;
using Registry.Domain.Lots.CollectingWaste;
using Registry.Domain.Lots.Correcting;
using Registry.Domain.Lots.Placing;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Lots.Transferring;
using Registry.Domain.Lots.Treating;
using Registry.Domain.Materials;
using Registry.Domain.Organizations;
using Registry.Domain.Transformations;
using Registry.Domain.Transformations.Recording;

namespace Registry.IntegrationTests.Unit;

/// <summary>
/// Every registry command reads as its EPCIS 2.0 event (epcis.md's mapping read backwards): the decision's events in,
/// one row per EPCIS event out, each valid against GS1's schema, with its Event Hash ID as eventID and cmr:eventHash.
/// </summary>
public sealed class EpcisExportTests
{
    private static readonly Lazy<EpcisDocumentRules> Rules =
        new(() => EpcisDocumentRules.FromSchemaFile(Path.Combine(EpcisExamples.Directory(), "EPCIS-JSON-Schema.json")));

    private static readonly TimeSpan Tokyo = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 18, 0, 0, Tokyo);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 30, 15, 250, TimeSpan.Zero);
    private const string GtinClass = "https://id.gs1.org/01/04012345123456/10/998877";
    private const string Gln = "4012345000009";

    private static readonly Organization Maker =
        new(Guid.NewGuid(), "Maker KK", "JP", OrganizationRole.Manufacturer, "hash", T0);
    private static readonly Organization Recycler =
        new(Guid.NewGuid(), "Recycler JSC", "VN", OrganizationRole.Recycler, "hash", T0, Gln);

    [Fact]
    public void A_registration_is_a_commissioning_with_the_lot_in_its_ilmd()
    {
        var decision = RegisterLotDecider.Decide(new RegisterLot(
            "CAT-7", MaterialCategory.BatteryMaterial, "NMC811", 1234.567m, T0, Site: "Osaka",
            Composition: new Dictionary<string, decimal> { ["Ni"] = 0.8m, ["Co"] = 0.1m, ["Mn"] = 0.1m },
            Provenance: new Dictionary<string, Dictionary<string, decimal>> { ["Co"] = new() { ["CD"] = 0.7m, ["AU"] = 0.3m } },
            ProductType: "cathode", Units: 12, OriginCountry: "KR", EpcClass: GtinClass), Guid.NewGuid(), Maker.AsActor(), Now);
        var registered = (LotRegistered)decision.Events[0];

        var row = Single(decision.Events, Context());
        var e = row.Document;
        Assert.Equal("ObjectEvent", Text(e["type"]));
        Assert.Equal("ADD", Text(e["action"]));
        Assert.Equal("commissioning", Text(e["bizStep"]));
        Assert.Equal("2026-03-01T18:00:00+09:00", Text(e["eventTime"]));
        Assert.Equal("+09:00", Text(e["eventTimeZoneOffset"]));
        Assert.Equal("2026-03-10T09:30:15.25+00:00", Text(e["recordTime"]));
        AssertQuantity(e["quantityList"]![0]!, GtinClass, "1234.567");
        Assert.Equal(EpcisExport.LotUri(registered.LotId), Text(e["cmr:lot"]));

        var ilmd = e["ilmd"]!.AsObject();
        Assert.Equal("CAT-7", Text(ilmd["cbvmda:lotNumber"]));
        Assert.Equal("BatteryMaterial", Text(ilmd["cmr:category"]));
        Assert.Equal("NMC811", Text(ilmd["cmr:material"]));
        Assert.Equal("""{"Co":0.1,"Mn":0.1,"Ni":0.8}""", ilmd["cmr:composition"]!.ToJsonString());
        Assert.Equal("""{"*":{"KR":1},"Co":{"AU":0.3,"CD":0.7}}""", ilmd["cmr:provenance"]!.ToJsonString());
        Assert.Equal("cathode", Text(ilmd["cmr:productType"]));
        Assert.Equal("12", ilmd["cmr:units"]!.ToJsonString());
        Assert.Equal("Osaka", Text(ilmd["cmr:site"]));
        Assert.Equal("KR", Text(ilmd["cbvmda:countryOfOrigin"]));
        Assert.Null(ilmd["cmr:wasteKind"]);

        Assert.Equal(Maker.Id, row.CapturedBy);
        Assert.Equal([registered.LotId], row.LotIds);
        Assert.Equal([GtinClass], row.EpcClasses);
        Assert.Equal([1234.567m], row.Quantities);
    }

    [Fact]
    public void A_lot_without_gs1_identity_is_named_by_its_registry_id_and_waste_says_its_kind()
    {
        var decision = RegisterLotDecider.Decide(new RegisterLot(
            "W-1", MaterialCategory.Plastic, "PET", 500m, T0, WasteKind: WasteKind.PostConsumer), Guid.NewGuid(), Maker.AsActor(), Now);
        var lotId = ((LotRegistered)decision.Events[0]).LotId;

        var e = Single(decision.Events, Context()).Document;
        AssertQuantity(e["quantityList"]![0]!, $"urn:circular-material-registry:lot:{lotId}", "500");
        Assert.Equal("PostConsumer", Text(e["ilmd"]!["cmr:wasteKind"]));
        Assert.Null(e["ilmd"]!["cmr:composition"]);
        Assert.Equal("""{"*":{"JP":1}}""", e["ilmd"]!["cmr:provenance"]!.ToJsonString());
    }

    [Fact]
    public void A_transformation_is_one_transformation_event_describing_each_output_in_cmr_outputs()
    {
        var gs1 = Registered(600m, MaterialCategory.BatteryMaterial, "black mass", GtinClass,
            new Dictionary<string, decimal> { ["Co"] = 0.2m });
        var plain = Registered(400.5m, MaterialCategory.BatteryMaterial, "black mass", null,
            new Dictionary<string, decimal> { ["Co"] = 0.1m });
        var (transformationId, outputIds) = (Guid.NewGuid(), new[] { Guid.NewGuid(), Guid.NewGuid() });
        var decision = RecordTransformationDecider.Decide(new RecordTransformation(
                TransformationProcess.Refining, T0.AddHours(1),
                [new InputLine(gs1.Id, 600m), new InputLine(plain.Id, 400.5m)],
                [
                    new OutputLine("CO-1", MaterialCategory.RareMetal, "cobalt sulfate", 150.125m),
                    new OutputLine("NI-1", MaterialCategory.RareMetal, "nickel sulfate", 700m,
                        new Dictionary<string, decimal> { ["Ni"] = 0m }, ProductType: "salt", Units: 3),
                ]),
            transformationId, outputIds, new Dictionary<Guid, Lot> { [gs1.Id] = gs1, [plain.Id] = plain }, Maker.AsActor(), Now);
        Assert.Null(decision.Rejection);

        var row = Single(decision.Events, Context(gs1, plain));
        var e = row.Document;
        Assert.Equal("TransformationEvent", Text(e["type"]));
        Assert.Null(e["action"]);
        Assert.Equal("2026-03-01T19:00:00+09:00", Text(e["eventTime"]));
        Assert.Equal($"urn:circular-material-registry:transformation:{transformationId}", Text(e["transformationID"]));
        Assert.Equal("Refining", Text(e["cmr:process"]));
        Assert.Equal("commissioning", Text(e["bizStep"]));
        var inputs = e["inputQuantityList"]!.AsArray();
        Assert.Equal(2, inputs.Count);
        AssertQuantity(inputs[0]!, GtinClass, "600");
        AssertQuantity(inputs[1]!, EpcisExport.LotUri(plain.Id), "400.5");
        var outputs = e["outputQuantityList"]!.AsArray();
        AssertQuantity(outputs[0]!, EpcisExport.LotUri(outputIds[0]), "150.125");
        AssertQuantity(outputs[1]!, EpcisExport.LotUri(outputIds[1]), "700");

        var described = e["ilmd"]!["cmr:outputs"]!.AsArray();
        Assert.Equal(2, described.Count);
        Assert.Equal(EpcisExport.LotUri(outputIds[0]), Text(described[0]!["epcClass"]));
        Assert.Equal("CO-1", Text(described[0]!["cbvmda:lotNumber"]));
        Assert.Equal("RareMetal", Text(described[0]!["cmr:category"]));
        Assert.Equal("cobalt sulfate", Text(described[0]!["cmr:material"]));
        Assert.Equal("JP", Text(described[0]!["cbvmda:countryOfOrigin"]));
        Assert.NotNull(described[0]!["cmr:composition"]); // derived by mass balance
        Assert.NotNull(described[0]!["cmr:provenance"]);
        Assert.Null(described[0]!["cmr:units"]);
        Assert.Equal(EpcisExport.LotUri(outputIds[1]), Text(described[1]!["epcClass"]));
        Assert.Equal("salt", Text(described[1]!["cmr:productType"]));
        Assert.Equal("3", described[1]!["cmr:units"]!.ToJsonString());

        Assert.Equal([gs1.Id, plain.Id, outputIds[0], outputIds[1]], row.LotIds);
        Assert.Equal(row.TransformationId, Text(e["transformationID"]));
        Assert.Contains(GtinClass, row.InputClasses);
        Assert.Equal([EpcisExport.LotUri(outputIds[0]), EpcisExport.LotUri(outputIds[1])], row.OutputClasses);
    }

    [Fact]
    public void A_dismantling_is_disassembling()
    {
        var product = Registered(80m, MaterialCategory.Product, "xEV battery pack", null);
        var decision = RecordTransformationDecider.Decide(new RecordTransformation(
                TransformationProcess.Dismantling, T0.AddHours(1), [new InputLine(product.Id, 80m)],
                [new OutputLine("M-1", MaterialCategory.BatteryMaterial, "modules", 79.999m)]),
            Guid.NewGuid(), [Guid.NewGuid()], new Dictionary<Guid, Lot> { [product.Id] = product }, Maker.AsActor(), Now);

        var e = Single(decision.Events, Context(product)).Document;
        Assert.Equal("disassembling", Text(e["bizStep"]));
        Assert.Equal("Dismantling", Text(e["cmr:process"]));
        AssertQuantity(e["outputQuantityList"]![0]!, EpcisExport.LotUri(decision.Events.OfType<LotProduced>().Single().LotId), "79.999");
    }

    [Fact]
    public void A_whole_transfer_ships_the_remaining_mass_between_owning_parties()
    {
        var lot = Registered(1234.567m, MaterialCategory.Plastic, "PET", GtinClass);
        var decision = TransferLotDecider.Decide(
            new TransferLot(Recycler.Name, T0.AddDays(1)), lot, Maker.AsActor(), Recycler, Guid.NewGuid(), Now);

        var row = Single(decision.Events, Context(lot));
        var e = row.Document;
        Assert.Equal("ObjectEvent", Text(e["type"]));
        Assert.Equal("OBSERVE", Text(e["action"]));
        Assert.Equal("shipping", Text(e["bizStep"]));
        AssertQuantity(e["quantityList"]![0]!, GtinClass, "1234.567");
        Assert.Equal("owning_party", Text(e["sourceList"]![0]!["type"]));
        Assert.Equal($"urn:circular-material-registry:organization:{Maker.Id}", Text(e["sourceList"]![0]!["source"]));
        Assert.Equal("owning_party", Text(e["destinationList"]![0]!["type"]));
        Assert.Equal($"https://id.gs1.org/417/{Gln}", Text(e["destinationList"]![0]!["destination"]));
        Assert.Equal("JP", Text(e["cmr:fromCountry"]));
        Assert.Equal("VN", Text(e["cmr:toCountry"]));
        Assert.Equal(EpcisExport.LotUri(lot.Id), Text(e["cmr:lot"]));
        Assert.Equal("2", e["cmr:lotVersion"]!.ToJsonString());
        Assert.Null(e["cmr:partLot"]);
        Assert.Equal([lot.Id], row.LotIds);
    }

    [Fact]
    public void A_partial_transfer_is_one_shipping_of_the_shipped_quantity_naming_lot_and_part()
    {
        var lot = Registered(1000m, MaterialCategory.Plastic, "PET", null);
        var partId = Guid.NewGuid();
        var decision = TransferLotDecider.Decide(
            new TransferLot(Recycler.Name, T0.AddDays(1), MassKg: 234.567m), lot, Maker.AsActor(), Recycler, partId, Now);
        Assert.Equal(3, decision.Events.Count);

        var row = Single(decision.Events, Context(lot));
        var e = row.Document;
        Assert.Equal("shipping", Text(e["bizStep"]));
        // The part is of its parent's class, as parts of a GS1 class share it.
        AssertQuantity(e["quantityList"]![0]!, EpcisExport.LotUri(lot.Id), "234.567");
        Assert.Equal(EpcisExport.LotUri(lot.Id), Text(e["cmr:lot"]));
        Assert.Equal("2", e["cmr:lotVersion"]!.ToJsonString()); // the sender's lot after its split
        Assert.Equal(EpcisExport.LotUri(partId), Text(e["cmr:partLot"]));
        Assert.Equal($"https://id.gs1.org/417/{Gln}", Text(e["destinationList"]![0]!["destination"]));
        Assert.Equal([lot.Id, partId], row.LotIds);
    }

    [Fact]
    public void A_part_of_a_part_keeps_the_class_of_the_lot_it_came_from()
    {
        var lot = Registered(1000m, MaterialCategory.Plastic, "PET", null);
        var first = TransferLotDecider.Decide(
            new TransferLot(Recycler.Name, T0.AddDays(1), MassKg: 600m), lot, Maker.AsActor(), Recycler, Guid.NewGuid(), Now);
        var part = Lot.Start(first.Events.OfType<LotSplitOff>().Single()).Fold(first.Events.OfType<LotTransferred>().Single())
            with { Version = 2 };
        var second = TransferLotDecider.Decide(
            new TransferLot(Maker.Name, T0.AddDays(2), MassKg: 100m), part, Recycler.AsActor(), Maker, Guid.NewGuid(), Now);
        Assert.Null(second.Rejection);

        var e = Single(second.Events, Context(part) with { ActorOrganizationId = Recycler.Id }).Document;
        AssertQuantity(e["quantityList"]![0]!, EpcisExport.LotUri(lot.Id), "100");
        Assert.Equal(EpcisExport.LotUri(part.Id), Text(e["cmr:lot"]));
        Assert.Equal(EpcisExport.LotUri(lot.Id), EpcisExport.ClassOf(part));
    }

    [Fact]
    public void A_placement_on_the_market_is_retail_selling_with_the_country()
    {
        var lot = Registered(75.25m, MaterialCategory.Product, "laptop", GtinClass);
        var decision = PlaceLotOnMarketDecider.Decide(new PlaceLotOnMarket(T0.AddDays(3), "TH"), lot, Maker.AsActor(), Now);

        var e = Single(decision.Events, Context(lot)).Document;
        Assert.Equal("OBSERVE", Text(e["action"]));
        Assert.Equal("retail_selling", Text(e["bizStep"]));
        Assert.Equal("TH", Text(e["cmr:country"]));
        AssertQuantity(e["quantityList"]![0]!, GtinClass, "75.25");
    }

    [Fact]
    public void A_waste_collection_is_collecting_of_the_remaining_mass_with_the_waste_kind()
    {
        var lot = Registered(1234.567m, MaterialCategory.Plastic, "PET", null);
        var decision = CollectLotAsWasteDecider.Decide(
            new CollectLotAsWaste(T0.AddDays(3), WasteKind.PreConsumer), lot, Maker.AsActor(), Now);

        var e = Single(decision.Events, Context(lot)).Document;
        Assert.Equal("OBSERVE", Text(e["action"]));
        Assert.Equal("collecting", Text(e["bizStep"]));
        Assert.Equal("PreConsumer", Text(e["cmr:wasteKind"]));
        AssertQuantity(e["quantityList"]![0]!, EpcisExport.LotUri(lot.Id), "1234.567");
    }

    [Fact]
    public void A_treatment_is_destroying_of_the_treated_mass_by_its_route()
    {
        var lot = Registered(900m, MaterialCategory.Plastic, "PET", null, wasteKind: WasteKind.PostConsumer);
        var decision = TreatWasteDecider.Decide(new TreatWaste(T0.AddDays(3), TreatmentRoute.EnergyRecovery, 0.001m), lot, Maker.AsActor(), Now);

        var e = Single(decision.Events, Context(lot)).Document;
        Assert.Equal("destroying", Text(e["bizStep"]));
        Assert.Equal("EnergyRecovery", Text(e["cmr:route"]));
        AssertQuantity(e["quantityList"]![0]!, EpcisExport.LotUri(lot.Id), "0.001");
    }

    [Fact]
    public void A_mass_correction_is_an_observation_of_the_corrected_mass_saying_what_happened()
    {
        var lot = Registered(1000m, MaterialCategory.Plastic, "PET", GtinClass);
        var decision = CorrectLotMassDecider.Decide(new CorrectLotMass(T0.AddDays(3), 987.654m, "re-weighed"), lot, Maker.AsActor(), Now);

        var e = Single(decision.Events, Context(lot)).Document;
        Assert.Equal("OBSERVE", Text(e["action"]));
        Assert.Null(e["bizStep"]);
        Assert.Equal("lot_mass_corrected", Text(e["cmr:registryEvent"]));
        Assert.Equal("1000", e["cmr:previousRemainingKg"]!.ToJsonString());
        Assert.Equal("re-weighed", Text(e["cmr:reason"]));
        AssertQuantity(e["quantityList"]![0]!, GtinClass, "987.654");
    }

    [Fact]
    public void Sub_second_event_times_keep_their_digits()
    {
        var time = new DateTimeOffset(2026, 3, 1, 18, 0, 0, 123, Tokyo).AddTicks(4000);
        var decision = RegisterLotDecider.Decide(new RegisterLot("L", MaterialCategory.Plastic, "PET", 1m, time), Guid.NewGuid(), Maker.AsActor(), Now);
        Assert.Equal("2026-03-01T18:00:00.1234+09:00", Text(Single(decision.Events, Context()).Document["eventTime"]));
    }

    [Fact]
    public void Two_organizations_commissioning_one_class_alike_are_two_events()
    {
        var command = new RegisterLot("L", MaterialCategory.Plastic, "PET", 10m, T0, EpcClass: GtinClass);
        var a = Single(RegisterLotDecider.Decide(command, Guid.NewGuid(), Maker.AsActor(), Now).Events, Context());
        var b = Single(RegisterLotDecider.Decide(command, Guid.NewGuid(), Recycler.AsActor(), Now).Events,
            Context() with { ActorOrganizationId = Recycler.Id });
        Assert.NotEqual(a.EventHash, b.EventHash);
    }

    [Fact]
    public void Two_equal_treatments_of_one_lot_at_one_time_are_two_events()
    {
        var lot = Registered(900m, MaterialCategory.Plastic, "PET", null, wasteKind: WasteKind.PostConsumer);
        var command = new TreatWaste(T0.AddDays(3), TreatmentRoute.Landfill, 10m);
        var first = TreatWasteDecider.Decide(command, lot, Maker.AsActor(), Now);
        var treated = lot.Fold((ILotEvent)first.Events[0]) with { Version = lot.Version + 1 };
        var second = TreatWasteDecider.Decide(command, treated, Maker.AsActor(), Now);

        var (a, b) = (Single(first.Events, Context(lot)), Single(second.Events, Context(treated)));
        Assert.Equal("2", a.Document["cmr:lotVersion"]!.ToJsonString());
        Assert.Equal("3", b.Document["cmr:lotVersion"]!.ToJsonString());
        Assert.NotEqual(a.EventHash, b.EventHash);
    }

    [Fact]
    public void Events_about_no_lot_export_nothing() =>
        Assert.Empty(EpcisExport.Rows([new object()], Context()));

    [Fact]
    public void Part_of_a_decision_without_its_whole_is_refused()
    {
        var lot = Registered(1000m, MaterialCategory.Plastic, "PET", null);
        var decision = TransferLotDecider.Decide(
            new TransferLot(Recycler.Name, T0.AddDays(1), MassKg: 10m), lot, Maker.AsActor(), Recycler, Guid.NewGuid(), Now);
        Assert.Throws<ArgumentException>(() => EpcisExport.Rows(decision.Events.Take(2).ToList(), Context(lot)));
        Assert.Throws<ArgumentException>(() => EpcisExport.Rows(
            [new LotConsumed(lot.Id, Maker.Id, Guid.NewGuid(), 1m, T0)], Context(lot)));
    }

    [Fact]
    public void The_schema_check_bites_on_an_exported_event()
    {
        var decision = RegisterLotDecider.Decide(new RegisterLot("L", MaterialCategory.Plastic, "PET", 1m, T0), Guid.NewGuid(), Maker.AsActor(), Now);
        var row = Single(decision.Events, Context());
        var broken = row.Document.DeepClone().AsObject();
        broken["bizStep"] = "transforming";
        broken["ilmd"]!["registryField"] = "no prefix";
        var errors = Rules.Value.Check(JsonDocument.Parse(Wrapped(broken, row.Context).ToJsonString()).RootElement);
        Assert.Contains(errors, e => e.Pointer == "/epcisBody/eventList/0/bizStep");
    }

    /// <summary>The one row of a decision, checked as every exported event must be: valid against GS1's schema, its
    /// eventID and cmr:eventHash the Event Hash ID of the event as it would be captured, the same on every export.</summary>
    private static StoredEpcisEvent Single(IReadOnlyList<object> events, ExportContext context)
    {
        Assert.NotEmpty(events); // a rejected decision appends nothing
        var row = Assert.Single(EpcisExport.Rows(events, context));
        var e = row.Document;

        var document = Wrapped(e, row.Context);
        Assert.Empty(Rules.Value.Check(JsonDocument.Parse(document.ToJsonString()).RootElement));

        Assert.StartsWith("ni:///sha-256;", row.EventHash);
        Assert.Equal(row.EventHash, row.EventId);
        Assert.Equal(row.EventHash, Text(e["eventID"]));
        Assert.Equal(row.EventHash, Text(e["cmr:eventHash"]));
        var captured = e.DeepClone().AsObject();
        captured.Remove("cmr:eventHash");
        Assert.Equal(row.EventHash, EventHashes.Of(captured, row.Context));
        Assert.Equal(row.EventHash, EventHashes.Of(e, document["@context"], ["cmr:eventHash"]));

        var again = Assert.Single(EpcisExport.Rows(events, context with { RecordTime = context.RecordTime.AddHours(1) }));
        Assert.Equal(row.EventHash, again.EventHash);
        Assert.Equal(context.ActorOrganizationId, row.CapturedBy);
        Assert.Null(row.CaptureId);
        Assert.Equal(new JsonObject { ["cmr"] = "urn:circular-material-registry:", ["cbvmda"] = "urn:epcglobal:cbv:mda:" }.ToJsonString(),
            row.Context.ToJsonString());
        return row;
    }

    /// <summary>An EPCISDocument holding one event, with the standard context and the row's.</summary>
    private static JsonObject Wrapped(JsonObject epcisEvent, JsonObject context) => new()
    {
        ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", context.DeepClone()),
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = "2026-03-10T10:00:00Z",
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray(epcisEvent.DeepClone()) },
    };

    private static ExportContext Context(params Lot[] lots) => new(
        id => lots.FirstOrDefault(l => l.Id == id),
        id => new[] { Maker, Recycler }.FirstOrDefault(o => o.Id == id) is { } o ? ExportOrganization.Of(o) : null,
        Maker.Id, Now);

    private static Lot Registered(
        decimal massKg, MaterialCategory category, string material, string? epcClass,
        IReadOnlyDictionary<string, decimal>? composition = null, WasteKind? wasteKind = null) =>
        Lot.Start((LotRegistered)RegisterLotDecider.Decide(
            new RegisterLot($"L-{Guid.NewGuid():N}", category, material, massKg, T0, Composition: composition,
                WasteKind: wasteKind, EpcClass: epcClass), Guid.NewGuid(), Maker.AsActor(), Now).Events[0]) with { Version = 1 };

    private static void AssertQuantity(JsonNode quantity, string epcClass, string exactKg)
    {
        Assert.Equal(epcClass, Text(quantity["epcClass"]));
        Assert.Equal(exactKg, quantity["quantity"]!.ToJsonString());
        Assert.Equal("KGM", Text(quantity["uom"]));
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}

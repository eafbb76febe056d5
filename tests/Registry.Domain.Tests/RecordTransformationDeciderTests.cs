using Registry.Domain.Materials;
using Registry.Domain.Lots;
using Registry.Domain.Lots.CollectingWaste;
using Registry.Domain.Lots.Placing;
using Registry.Domain.Transformations;
using Registry.Domain.Transformations.Recording;
using static Registry.Domain.Tests.LotFixtures;

namespace Registry.Domain.Tests;

public sealed class RecordTransformationDeciderTests
{
    private static readonly Guid TransformationId = Guid.NewGuid();

    private static Decision Decide(
        string process, IEnumerable<Lot> lots, IEnumerable<(Lot Lot, decimal Kg)> inputs, params OutputLine[] outputs) =>
        RecordTransformationDecider.Decide(
            new RecordTransformation(Enum.Parse<TransformationProcess>(process), T0.AddDays(1),
                inputs.Select(i => new InputLine(i.Lot.Id, i.Kg)).ToList(), outputs.ToList()),
            TransformationId, outputs.Select(_ => Guid.NewGuid()).ToList(),
            lots.ToDictionary(l => l.Id), Maker, T0.AddDays(1));

    private static OutputLine Output(decimal kg, Dictionary<string, decimal>? composition = null) =>
        new($"OUT-{Guid.NewGuid():N}", MaterialCategory.BatteryMaterial, "OTHER", kg, composition);

    private static Lot WithCobalt(decimal kg, decimal fraction) =>
        Registered(kg) with { Composition = new Dictionary<string, decimal> { ["Co"] = fraction } };

    private static Lot Waste(Lot lot)
    {
        var used = lot.Then(PlaceLotOnMarketDecider.Decide(new(T0, "JP"), lot, Maker, T0));
        return used.Then(CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PostConsumer), used, Maker, T0));
    }

    [Fact]
    public void It_consumes_every_input_starts_every_output_and_records_the_losses()
    {
        // 70 kg + 30 kg in, 90 kg out: 10 kg lost. Derived Co: (70 × 0.1 + 30 × 0.2) / 100 = 0.13.
        var a = WithCobalt(100m, 0.1m);
        var b = WithCobalt(50m, 0.2m);
        var decision = Decide("Manufacturing", [a, b], [(a, 70m), (b, 30m)], Output(90m));

        Assert.Null(decision.Rejection);
        var consumed = decision.Events.OfType<LotConsumed>().ToList();
        Assert.Equal(new[] { a.Id, b.Id }.Order(), consumed.Select(c => c.LotId));
        var produced = Assert.Single(decision.Events.OfType<LotProduced>());
        Assert.Equal(0.13m, produced.Composition["Co"]);
        Assert.Equal(TransformationId, produced.TransformationId);
        var recorded = Assert.Single(decision.Events.OfType<TransformationRecorded>());
        Assert.Equal((100m, 90m, 10m), (recorded.InputKg, recorded.OutputKg, recorded.LossKg));
    }

    [Fact]
    public void Consuming_all_that_remains_closes_the_input()
    {
        var a = Registered(40m);
        var decision = Decide("Manufacturing", [a], [(a, 40m)], Output(40m));
        var closed = a.Then(Decision.Accept([.. decision.Events.OfType<LotConsumed>()]));
        Assert.Equal((0m, LotStage.Closed), (closed.RemainingKg, closed.Stage));
    }

    [Fact]
    public void An_unknown_input_is_named()
    {
        var missing = Registered();
        var rejection = Decide("Manufacturing", [], [(missing, 1m)], Output(1m)).Rejected("lot-not-found");
        Assert.Equal(RejectionKind.NotFound, rejection.Kind);
        Assert.Equal("inputs[0].lotId", rejection.Field);
    }

    [Fact]
    public void A_foreign_input_is_forbidden()
    {
        var foreign = Registered(owner: Recycler);
        Decide("Manufacturing", [foreign], [(foreign, 1m)], Output(1m)).Rejected("not-holder");
    }

    [Fact]
    public void An_input_consumed_beyond_its_remaining_mass_is_named()
    {
        var a = Registered(10m);
        var b = Registered(10m);
        var rejection = Decide("Manufacturing", [a, b], [(a, 5m), (b, 10.5m)], Output(1m)).Rejected("exceeds-remaining-mass");
        Assert.Equal("inputs[1].massKg", rejection.Field);
    }

    [Fact]
    public void Outputs_heavier_than_inputs_are_rejected()
    {
        var a = Registered(10m);
        Assert.Equal("outputs", Decide("Manufacturing", [a], [(a, 10m)], Output(6m), Output(4.01m)).Rejected("outputs-exceed-inputs").Field);
    }

    [Fact]
    public void No_element_from_nothing()
    {
        // The input holds 10 kg × 0.2 = 2 kg Co; declaring 10 kg × 0.21 = 2.1 kg is too much, 2 kg is fine.
        var a = WithCobalt(10m, 0.2m);
        var rejection = Decide("Refining", [a], [(a, 10m)], Output(10m, new() { ["Co"] = 0.21m })).Rejected("element-exceeds-inputs");
        Assert.Equal("outputs[0].composition[Co]", rejection.Field);
        Assert.Null(Decide("Refining", [a], [(a, 10m)], Output(10m, new() { ["Co"] = 0.2m })).Rejection);
    }

    [Fact]
    public void An_element_the_inputs_never_held_is_rejected()
    {
        var a = Registered(10m);
        Decide("Refining", [a], [(a, 10m)], Output(1m, new() { ["Li"] = 0.001m })).Rejected("element-exceeds-inputs");
    }

    [Fact]
    public void Declared_and_derived_outputs_together_respect_the_element_mass()
    {
        // 2 kg Co in. Output 1 declares 1.5 kg; output 2 (derived, 0.2 × 5 kg = 1 kg) makes 2.5 kg > 2 kg.
        var a = WithCobalt(10m, 0.2m);
        Decide("Refining", [a], [(a, 10m)], Output(5m, new() { ["Co"] = 0.3m }), Output(5m)).Rejected("element-exceeds-inputs");
    }

    [Theory]
    [InlineData("MaterialRecycling")]
    [InlineData("ChemicalRecycling")]
    public void Recycling_consumes_only_waste(string process)
    {
        var active = Registered();
        Decide(process, [active], [(active, 1m)], Output(1m)).Rejected("not-waste");
        var waste = Waste(Registered());
        Assert.Null(Decide(process, [waste], [(waste, 1m)], Output(1m)).Rejection);
    }

    [Fact]
    public void A_lot_on_the_market_must_be_collected_before_it_is_transformed()
    {
        var lot = Registered();
        var placed = lot.Then(PlaceLotOnMarketDecider.Decide(new(T0, "JP"), lot, Maker, T0));
        Decide("Dismantling", [placed], [(placed, 1m)], Output(1m)).Rejected("on-market");
    }

    [Fact]
    public void A_transformation_cannot_precede_an_inputs_last_event()
    {
        var lot = Registered() with { LastOccurredAt = T0.AddDays(2) };
        Assert.Equal("occurredAt", Decide("Manufacturing", [lot], [(lot, 1m)], Output(1m)).Rejected("before-previous-event").Field);
    }

    [Fact]
    public void Outputs_of_recycling_carry_recycled_provenance()
    {
        var waste = Waste(Registered(100m));
        var produced = Decide("MaterialRecycling", [waste], [(waste, 100m)], Output(80m)).Events.OfType<LotProduced>().Single();
        Assert.Equal(new Dictionary<string, decimal> { ["recycled:post"] = 1m }, produced.Provenance["*"]);
    }
}

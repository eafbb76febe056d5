using Registry.Domain.Materials;
using Registry.Domain.Organizations;
using Registry.Domain.Lots;
using Registry.Domain.Lots.CollectingWaste;
using Registry.Domain.Lots.Correcting;
using Registry.Domain.Lots.Placing;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Lots.Transferring;
using Registry.Domain.Lots.Treating;
using static Registry.Domain.Tests.LotFixtures;

namespace Registry.Domain.Tests;

public sealed class RegisterLotDeciderTests
{
    [Fact]
    public void Without_declared_provenance_the_origin_defaults_to_the_actors_country()
    {
        var e = (LotRegistered)RegisterLotDecider.Decide(new RegisterLot("L", MaterialCategory.Plastic, "PET", 5m, T0), Guid.NewGuid(), Maker, T0).Events.Single();
        Assert.Equal("JP", e.OriginCountry);
        Assert.Equal(1m, e.Provenance["*"]["JP"]);
        Assert.Equal(Maker.OrganizationId, e.ActedBy);
    }

    [Fact]
    public void Waste_registered_as_collected_starts_as_waste()
    {
        var e = (LotRegistered)RegisterLotDecider.Decide(
            new RegisterLot("W", MaterialCategory.Plastic, "MIXED", 5m, T0, WasteKind: WasteKind.PostConsumer), Guid.NewGuid(), Maker, T0).Events.Single();
        var lot = Lot.Start(e);
        Assert.Equal((LotStage.Waste, WasteKind.PostConsumer), (lot.Stage, lot.WasteKind!.Value));
    }

    [Fact]
    public void A_declared_origin_country_becomes_the_default_provenance()
    {
        var e = (LotRegistered)RegisterLotDecider.Decide(
            new RegisterLot("L", MaterialCategory.RareMetal, "DY_OXIDE", 5m, T0, OriginCountry: "CN"), Guid.NewGuid(), Maker, T0).Events.Single();
        Assert.Equal(1m, e.Provenance["*"]["CN"]);
    }

    [Fact]
    public void Declared_provenance_is_kept()
    {
        var declared = new Dictionary<string, Dictionary<string, decimal>> { ["*"] = new() { ["JP"] = 0.7m, ["bio"] = 0.3m } };
        var e = (LotRegistered)RegisterLotDecider.Decide(
            new RegisterLot("L", MaterialCategory.Plastic, "PET", 5m, T0, Provenance: declared), Guid.NewGuid(), Maker, T0).Events.Single();
        Assert.Equal(0.3m, e.Provenance["*"]["bio"]);
    }

    [Fact]
    public void A_time_more_than_five_minutes_ahead_is_rejected_and_up_to_five_is_allowed()
    {
        RegisterLotDecider.Decide(new RegisterLot("L", MaterialCategory.Plastic, "PET", 5m, T0.AddMinutes(5).AddSeconds(1)), Guid.NewGuid(), Maker, T0)
            .Rejected("in-future");
        Assert.Null(RegisterLotDecider.Decide(new RegisterLot("L", MaterialCategory.Plastic, "PET", 5m, T0.AddMinutes(5)), Guid.NewGuid(), Maker, T0).Rejection);
    }
}

public sealed class SharedLotRuleTests
{
    [Fact]
    public void Only_the_holder_may_act()
    {
        var rejection = PlaceLotOnMarketDecider.Decide(new(T0, "JP"), Registered(), Recycler, T0).Rejected("not-holder");
        Assert.Equal(RejectionKind.Forbidden, rejection.Kind);
    }

    [Fact]
    public void No_event_may_precede_the_previous_one()
    {
        var rejection = PlaceLotOnMarketDecider.Decide(new(T0.AddSeconds(-1), "JP"), Registered(), Maker, T0).Rejected("before-previous-event");
        Assert.Equal("occurredAt", rejection.Field);
    }

    [Fact]
    public void An_event_at_the_same_time_as_the_previous_one_is_allowed()
    {
        Assert.Null(PlaceLotOnMarketDecider.Decide(new(T0, "JP"), Registered(), Maker, T0).Rejection);
    }

    [Fact]
    public void Nothing_acts_on_a_closed_lot()
    {
        var lot = Registered(10m);
        var closed = lot.Then(CorrectLotMassDecider.Decide(new(T0, 0m, "empty drum"), lot, Maker, T0));
        Assert.Equal(LotStage.Closed, closed.Stage);
        TransferLotDecider.Decide(new("x", T0), closed, Maker, Recycler.AsOrganization(), Guid.NewGuid(), T0).Rejected("lot-closed");
    }
}

public sealed class TransferLotDeciderTests
{
    [Fact]
    public void A_transfer_moves_the_holder_and_records_both_countries()
    {
        var lot = Registered();
        var decision = TransferLotDecider.Decide(new("Recycler", T0.AddDays(1)), lot, Maker, Recycler.AsOrganization(), Guid.NewGuid(), T0.AddDays(1));
        var e = (LotTransferred)decision.Events.Single();
        Assert.Equal(("JP", "VN"), (e.FromCountry, e.ToCountry));

        var moved = lot.Then(decision);
        Assert.Equal(Recycler.OrganizationId, moved.HolderId);
        Assert.Equal(Maker.OrganizationId, moved.OwnerId);
        Assert.Equal([Maker.OrganizationId, Recycler.OrganizationId], moved.Custodians);
    }

    [Fact]
    public void Declared_countries_override_the_organizations_countries()
    {
        var e = (LotTransferred)TransferLotDecider.Decide(new("R", T0, "KR", "TH"), Registered(), Maker, Recycler.AsOrganization(), Guid.NewGuid(), T0).Events.Single();
        Assert.Equal(("KR", "TH"), (e.FromCountry, e.ToCountry));
    }

    [Fact]
    public void A_transfer_to_the_holder_itself_is_rejected()
    {
        TransferLotDecider.Decide(new("self", T0), Registered(), Maker, Maker.AsOrganization(OrganizationRole.Manufacturer), Guid.NewGuid(), T0)
            .Rejected("transfer-to-self");
    }

    [Fact]
    public void Events_carry_the_acting_organizations_country()
    {
        var transfer = TransferLotDecider.Decide(new("R", T0), Registered(), Maker, Recycler.AsOrganization(), Guid.NewGuid(), T0);
        Assert.Equal("JP", ((RecordedEvent)transfer.Events.Single()).ActorCountry);
        var registration = RegisterLotDecider.Decide(new RegisterLot("L-2", MaterialCategory.Plastic, "PET", 1m, T0), Guid.NewGuid(), Recycler, T0);
        Assert.Equal("VN", ((RecordedEvent)registration.Events.Single()).ActorCountry);
    }

    [Fact]
    public void Only_registered_manufacturers_and_recyclers_receive_lots()
    {
        TransferLotDecider.Decide(new("Nobody", T0), Registered(), Maker, null, Guid.NewGuid(), T0).Rejected("unknown-organization");
        foreach (var role in new[] { OrganizationRole.Ministry, OrganizationRole.Admin })
            TransferLotDecider.Decide(new("R", T0), Registered(), Maker, Recycler.AsOrganization(role), Guid.NewGuid(), T0).Rejected("receiver-cannot-hold-lots");
    }
}

public sealed class PartialTransferTests
{
    private static readonly Guid PartId = Guid.NewGuid();

    private static Lot Flakes() => Registered(1000m) with
    {
        Composition = new Dictionary<string, decimal> { ["Co"] = 0.1m },
        Provenance = new Dictionary<string, Dictionary<string, decimal>>
        {
            ["*"] = new() { ["recycled:post"] = 0.6m, ["JP"] = 0.4m },
            ["Co"] = new() { ["CD"] = 1m },
        },
    };

    [Fact]
    public void The_mass_becomes_a_part_held_by_the_receiver_and_leaves_the_parent()
    {
        // 1,000 kg flakes, 300 kg sold: the parent keeps 1,000 - 300 = 700 kg, the part starts at 300 kg and moves.
        var lot = Flakes();
        var decision = TransferLotDecider.Decide(new("R", T0, MassKg: 300m), lot, Maker, Recycler.AsOrganization(), PartId, T0);
        Assert.Null(decision.Rejection);
        var (split, part, moved) = ((LotSplit)decision.Events[0], (LotSplitOff)decision.Events[1], (LotTransferred)decision.Events[2]);
        Assert.Equal((lot.Id, PartId, 300m), (split.LotId, split.PartLotId, split.MassKg));
        Assert.Equal((PartId, lot.Id, $"L-1/{PartId.ToString("N")[^8..]}", 300m), (part.LotId, part.ParentLotId, part.LotNumber, part.MassKg));
        Assert.Equal([lot.Id], part.SplitPath);
        Assert.Equal((PartId, Recycler.OrganizationId, 300m, "VN"), (moved.LotId, moved.ToOrganizationId, moved.MassKg, moved.ToCountry));

        var parent = lot.Fold(split);
        Assert.Equal((700m, 1000m, LotStage.Active), (parent.RemainingKg, parent.MassKg, parent.Stage));

        var received = Lot.Start(part).Fold(moved);
        Assert.Equal((300m, 300m, Recycler.OrganizationId, Maker.OrganizationId), (received.RemainingKg, received.MassKg, received.HolderId, received.OwnerId));
        Assert.Equal([Maker.OrganizationId, Recycler.OrganizationId], received.Custodians);
        Assert.Equal(lot.Id, received.SplitFrom);
        Assert.Equal(lot.Composition, received.Composition);
        Assert.Equal(0.6m, received.Provenance["*"]["recycled:post"]);
        Assert.Equal(1m, received.Provenance["Co"]["CD"]);
    }

    [Fact]
    public void A_part_of_a_part_names_both_and_the_whole_remainder_closes_the_parent()
    {
        var lot = Flakes();
        var once = TransferLotDecider.Decide(new("R", T0, MassKg: 300m), lot, Maker, Recycler.AsOrganization(), PartId, T0);
        var part = Lot.Start((LotSplitOff)once.Events[1]).Fold((LotTransferred)once.Events[2]);
        var again = TransferLotDecider.Decide(new("M", T0, MassKg: 100m), part, Recycler, Maker.AsOrganization(OrganizationRole.Manufacturer), Guid.NewGuid(), T0);
        Assert.Equal([lot.Id, PartId], ((LotSplitOff)again.Events[1]).SplitPath);

        var rest = lot.Then(Only(lot, once));
        var all = TransferLotDecider.Decide(new("R", T0, MassKg: 700m), rest, Maker, Recycler.AsOrganization(), Guid.NewGuid(), T0);
        var closed = rest.Then(Only(rest, all));
        Assert.Equal((0m, LotStage.Closed), (closed.RemainingKg, closed.Stage));
    }

    [Fact]
    public void More_than_remains_and_lots_counted_in_units_are_refused()
    {
        Assert.Equal("massKg", TransferLotDecider.Decide(new("R", T0, MassKg: 1000.001m), Flakes(), Maker, Recycler.AsOrganization(), PartId, T0)
            .Rejected("exceeds-remaining-mass").Field);
        TransferLotDecider.Decide(new("R", T0, MassKg: 1m), Flakes() with { Units = 10 }, Maker, Recycler.AsOrganization(), PartId, T0)
            .Rejected("counted-in-units");
        // An xEV lot that states no units is one car to the KPIs: a part would be a second.
        TransferLotDecider.Decide(new("R", T0, MassKg: 1m), Flakes() with { Category = MaterialCategory.Product, Material = "XEV" },
            Maker, Recycler.AsOrganization(), PartId, T0).Rejected("counted-in-units");
    }

    /// <summary>The decision's events for <paramref name="lot"/>'s own stream.</summary>
    private static Decision Only(Lot lot, Decision decision) =>
        Decision.Accept(decision.Events.Where(e => ((ILotEvent)e).LotId == lot.Id).ToArray());
}

public sealed class PlaceLotOnMarketDeciderTests
{
    [Fact]
    public void An_active_lot_goes_on_the_market_in_a_country()
    {
        var lot = Registered();
        var placed = lot.Then(PlaceLotOnMarketDecider.Decide(new(T0, "DE"), lot, Maker, T0));
        Assert.Equal((LotStage.OnMarket, "DE"), (placed.Stage, placed.MarketCountry));
    }

    [Fact]
    public void A_lot_already_on_the_market_or_waste_cannot_be_placed()
    {
        var lot = Registered();
        var placed = lot.Then(PlaceLotOnMarketDecider.Decide(new(T0, "JP"), lot, Maker, T0));
        PlaceLotOnMarketDecider.Decide(new(T0, "JP"), placed, Maker, T0).Rejected("not-active");
        var waste = lot.Then(CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PreConsumer), lot, Maker, T0));
        PlaceLotOnMarketDecider.Decide(new(T0, "JP"), waste, Maker, T0).Rejected("not-active");
    }
}

public sealed class CollectLotAsWasteDeciderTests
{
    [Fact]
    public void An_active_lot_becomes_pre_consumer_scrap()
    {
        var lot = Registered();
        var waste = lot.Then(CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PreConsumer), lot, Maker, T0));
        Assert.Equal((LotStage.Waste, WasteKind.PreConsumer), (waste.Stage, waste.WasteKind!.Value));
    }

    [Fact]
    public void A_lot_on_the_market_becomes_post_consumer_waste()
    {
        var lot = Registered();
        var placed = lot.Then(PlaceLotOnMarketDecider.Decide(new(T0, "JP"), lot, Maker, T0));
        var waste = placed.Then(CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PostConsumer), placed, Maker, T0));
        Assert.Equal((LotStage.Waste, WasteKind.PostConsumer), (waste.Stage, waste.WasteKind!.Value));
    }

    [Fact]
    public void A_lot_never_used_cannot_be_post_consumer_waste()
    {
        // Otherwise virgin material could be collected and recycled into "recycled:post" content.
        CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PostConsumer), Registered(), Maker, T0).Rejected("not-on-market");
    }

    [Fact]
    public void Waste_is_collected_once()
    {
        var lot = Registered();
        var waste = lot.Then(CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PreConsumer), lot, Maker, T0));
        CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PreConsumer), waste, Maker, T0).Rejected("already-waste");
    }
}

public sealed class TreatWasteDeciderTests
{
    private static Lot Waste(decimal massKg)
    {
        var lot = Registered(massKg);
        return lot.Then(CollectLotAsWasteDecider.Decide(new(T0, WasteKind.PreConsumer), lot, Maker, T0));
    }

    [Fact]
    public void Treatment_takes_mass_and_the_last_kilogram_closes_the_lot()
    {
        var waste = Waste(100m);
        var partly = waste.Then(TreatWasteDecider.Decide(new(T0, TreatmentRoute.EnergyRecovery, 60m), waste, Maker, T0));
        Assert.Equal((40m, LotStage.Waste), (partly.RemainingKg, partly.Stage));
        var done = partly.Then(TreatWasteDecider.Decide(new(T0, TreatmentRoute.Landfill, 40m), partly, Maker, T0));
        Assert.Equal((0m, LotStage.Closed), (done.RemainingKg, done.Stage));
        Assert.Equal(100m, done.MassKg);
    }

    [Fact]
    public void Treatment_never_exceeds_the_remaining_mass()
    {
        var rejection = TreatWasteDecider.Decide(new(T0, TreatmentRoute.Incineration, 100.0001m), Waste(100m), Maker, T0).Rejected("exceeds-remaining-mass");
        Assert.Equal("massKg", rejection.Field);
    }

    [Fact]
    public void Only_waste_is_treated()
    {
        TreatWasteDecider.Decide(new(T0, TreatmentRoute.Reuse, 1m), Registered(), Maker, T0).Rejected("not-waste");
    }

    [Fact]
    public void The_route_is_recorded()
    {
        var e = (LotTreated)TreatWasteDecider.Decide(new(T0, TreatmentRoute.Reuse, 1m), Waste(5m), Maker, T0).Events.Single();
        Assert.Equal((TreatmentRoute.Reuse, 1m), (e.Route, e.MassKg));
    }
}

public sealed class CorrectLotMassDeciderTests
{
    [Fact]
    public void A_correction_replaces_the_remaining_mass_and_shifts_the_total_by_the_difference()
    {
        var lot = Registered(100m);
        var decision = CorrectLotMassDecider.Decide(new(T0, 97.5m, "calibrated scale"), lot, Maker, T0);
        var e = (LotMassCorrected)decision.Events.Single();
        Assert.Equal((100m, 97.5m, "calibrated scale"), (e.PreviousRemainingKg, e.CorrectedRemainingKg, e.Reason));

        var corrected = lot.Then(decision);
        Assert.Equal((97.5m, 97.5m), (corrected.RemainingKg, corrected.MassKg));
    }

    [Fact]
    public void A_correction_that_changes_nothing_is_rejected()
    {
        CorrectLotMassDecider.Decide(new(T0, 100m, "same"), Registered(100m), Maker, T0).Rejected("no-change");
    }

    [Fact]
    public void Only_the_holder_corrects()
    {
        CorrectLotMassDecider.Decide(new(T0, 90m, "x"), Registered(100m), Recycler, T0).Rejected("not-holder");
    }
}

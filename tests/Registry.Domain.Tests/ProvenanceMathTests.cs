using Registry.Domain.Lots;
using Registry.Domain.Provenance;

namespace Registry.Domain.Tests;

public sealed class SourceSharesTests
{
    [Fact]
    public void Thirds_round_to_nine_places_and_the_largest_takes_the_residue()
    {
        // 1/3 = 0.333333333|33… → 0.333333333 each; 3 × that = 0.999999999, so 0.000000001 goes to the
        // largest share; all tie, and the tie goes to the first source in ordinal order ("A").
        var shares = SourceShares.Normalize(new Dictionary<string, decimal> { ["B"] = 1m, ["A"] = 1m, ["C"] = 1m });
        Assert.Equal(0.333333334m, shares["A"]);
        Assert.Equal(0.333333333m, shares["B"]);
        Assert.Equal(0.333333333m, shares["C"]);
        Assert.Equal(1m, shares.Values.Sum());
    }

    [Fact]
    public void Two_thirds_and_one_third_need_no_residue()
    {
        // 2/3 → 0.666666667 (rounded up), 1/3 → 0.333333333: the sum is exactly 1.
        var shares = SourceShares.Normalize(new Dictionary<string, decimal> { ["CN"] = 200m, ["AU"] = 100m });
        Assert.Equal((0.666666667m, 0.333333333m), (shares["CN"], shares["AU"]));
    }

    [Fact]
    public void Zero_weights_and_shares_that_round_to_zero_are_dropped()
    {
        var shares = SourceShares.Normalize(new Dictionary<string, decimal> { ["JP"] = 1m, ["CN"] = 0m, ["AU"] = 0.0000000001m });
        Assert.Equal(["JP"], shares.Keys);
        Assert.Equal(1m, shares["JP"]);
    }

    [Fact]
    public void No_weight_gives_no_shares()
    {
        Assert.Empty(SourceShares.Normalize(new Dictionary<string, decimal> { ["JP"] = 0m }));
    }
}

public sealed class MassBalanceTests
{
    private static Contribution Input(decimal kg, Dictionary<string, decimal> composition, Dictionary<string, Dictionary<string, decimal>> provenance, string? relabel = null) =>
        new(kg, composition, provenance, relabel);

    private static Dictionary<string, Dictionary<string, decimal>> From(string country) => new() { ["*"] = new() { [country] = 1m } };

    [Fact]
    public void A_component_is_weighted_by_its_own_mass_not_the_bulk_mass()
    {
        // Co: 100 kg × 0.1 = 10 kg from CD, 50 kg × 0.6 = 30 kg from AU → CD 10/40 = 0.25, AU 0.75.
        // "*": 100 kg CD, 50 kg AU → CD 2/3 = 0.666666667, AU 0.333333333.
        var inputs = new[]
        {
            Input(100m, new() { ["Co"] = 0.1m }, From("CD")),
            Input(50m, new() { ["Co"] = 0.6m }, From("AU")),
        };
        var provenance = MassBalance.MixProvenance(inputs, ["Co"]);
        Assert.Equal((0.25m, 0.75m), (provenance["Co"]["CD"], provenance["Co"]["AU"]));
        Assert.Equal((0.666666667m, 0.333333333m), (provenance["*"]["CD"], provenance["*"]["AU"]));
    }

    [Fact]
    public void A_component_absent_from_some_inputs_comes_only_from_those_that_hold_it()
    {
        // Only the first input holds Co (100 kg × 0.2 = 20 kg, from CD); the JP input adds bulk but no Co.
        // Mixture: Co 20 kg / 200 kg = 0.1. Co sources: CD 1. "*": CD 0.5, JP 0.5.
        var inputs = new[] { Input(100m, new() { ["Co"] = 0.2m }, From("CD")), Input(100m, new(), From("JP")) };
        Assert.Equal(0.1m, MassBalance.MixComposition(inputs)["Co"]);
        var provenance = MassBalance.MixProvenance(inputs, ["Co"]);
        Assert.Equal(new Dictionary<string, decimal> { ["CD"] = 1m }, provenance["Co"]);
        Assert.Equal((0.5m, 0.5m), (provenance["*"]["CD"], provenance["*"]["JP"]));
    }

    [Fact]
    public void A_component_no_input_holds_gets_no_provenance()
    {
        var provenance = MassBalance.MixProvenance([Input(10m, new(), From("JP"))], ["Dy"]);
        Assert.False(provenance.ContainsKey("Dy"));
    }

    [Fact]
    public void An_element_without_its_own_distribution_takes_the_inputs_bulk_distribution()
    {
        // The lot declares "*" only: its Ni is JP 0.7 / bio 0.3 like everything else in it.
        var provenance = MassBalance.MixProvenance(
            [Input(10m, new() { ["Ni"] = 0.5m }, new() { ["*"] = new() { ["JP"] = 0.7m, ["bio"] = 0.3m } })], ["Ni"]);
        Assert.Equal((0.7m, 0.3m), (provenance["Ni"]["JP"], provenance["Ni"]["bio"]));
    }

    [Fact]
    public void Waste_in_recycling_is_relabelled_by_how_it_was_collected()
    {
        // 60 kg post-consumer waste (was CN) + 20 kg pre-consumer scrap (was JP) + 20 kg virgin KR, all consumed:
        // recycled:post 0.6, recycled:pre 0.2, KR 0.2.
        var lot = LotFixtures.Registered(100m);
        var post = lot with { Stage = LotStage.Waste, WasteKind = WasteKind.PostConsumer, Provenance = From("CN") };
        var pre = lot with { Stage = LotStage.Waste, WasteKind = WasteKind.PreConsumer };
        var virgin = lot with { Provenance = From("KR") };
        var inputs = new[] { Contribution.Of(post, 60m, recycling: true), Contribution.Of(pre, 20m, recycling: true), Contribution.Of(virgin, 20m, recycling: true) };

        var shares = MassBalance.MixProvenance(inputs, [])["*"];
        Assert.Equal((0.6m, 0.2m, 0.2m), (shares["recycled:post"], shares["recycled:pre"], shares["KR"]));
    }

    [Fact]
    public void Outside_recycling_waste_keeps_its_sources()
    {
        var waste = LotFixtures.Registered(100m) with { Stage = LotStage.Waste, WasteKind = WasteKind.PostConsumer, Provenance = From("CN") };
        Assert.Equal(From("CN")["*"], MassBalance.MixProvenance([Contribution.Of(waste, 10m, recycling: false)], [])["*"]);
    }

    [Fact]
    public void Derived_fractions_are_truncated_so_element_mass_never_grows()
    {
        // Co 1 kg in 3 kg: 0.3333333333333… truncated to 12 places, never rounded up.
        var mixture = MassBalance.MixComposition([Input(1m, new() { ["Co"] = 1m }, From("CD")), Input(2m, new(), From("JP"))]);
        Assert.Equal(0.333333333333m, mixture["Co"]);
        Assert.True(3m * mixture["Co"] <= 1m);
    }
}

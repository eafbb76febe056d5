using System.Runtime.CompilerServices;
using JasperFx.Events;
using Registry.Domain;
using Registry.Domain.Lots;
using Registry.Projections.Kpis;
using Registry.Projections.Lots;
using Registry.Projections.SupplyRisk;

namespace Registry.IntegrationTests.Unit;

/// <summary>
/// Every lot event the domain defines is handled wherever every event must be: a new event that one of these places
/// forgets fails here instead of being skipped silently.
/// </summary>
public sealed class EveryLotEventTests
{
    public static TheoryData<Type> LotEvents()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(ILotEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILotEvent).IsAssignableFrom(t)))
            data.Add(type);
        return data;
    }

    private static ILotEvent Blank(Type type) => (ILotEvent)RuntimeHelpers.GetUninitializedObject(type);

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void It_has_a_stable_name(Type type) => Assert.Matches("^lot_[a-z_]+$", LotEventNames.Of(Blank(type)));

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void The_lot_folds_it(Type type)
    {
        var e = Blank(type);
        var lot = e is ILotStarted started ? Lot.Start(started) : new Lot { LotNumber = "L", Material = "PET", OriginCountry = "JP" }.Fold(e);
        Assert.NotNull(lot);
        Assert.Equal(e is ILotStarted ? typeof(Lot) : null, EventStreams.Starts(e));
    }

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void The_inline_lot_projection_folds_it_as_the_lot_does(Type type)
    {
        var data = Blank(type);
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(type), data)!;
        var before = new Lot { LotNumber = "L", Material = "PET", OriginCountry = "JP" };
        var expected = data is ILotStarted started ? Lot.Start(started) : before.Fold(data);
        Assert.Equivalent(expected, new LotProjection().Evolve(data is ILotStarted ? null : before, Guid.Empty, e), strict: true);
    }

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void Each_fact_projection_counts_it_or_says_it_counts_nothing(Type type)
    {
        Assert.True(KpiFactsProjection.Handles.Contains(type) ^ KpiFactsProjection.Ignores.Contains(type), "KPI facts");
        Assert.True(SupplyFactsProjection.Handles.Contains(type) ^ SupplyFactsProjection.Ignores.Contains(type), "supply facts");
    }
}

using System.Reflection;
using System.Runtime.CompilerServices;
using Registry.Domain.Lots;
using Registry.Projections.Lots;

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

    private static readonly Type[] StartEvents = [typeof(LotRegistered), typeof(LotProduced)];

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void It_has_a_stable_name(Type type) =>
        Assert.Matches("^lot_[a-z_]+$", LotEventNames.Of((ILotEvent)RuntimeHelpers.GetUninitializedObject(type)));

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void The_lot_folds_it(Type type)
    {
        var e = (ILotEvent)RuntimeHelpers.GetUninitializedObject(type);
        if (StartEvents.Contains(type))
            Assert.NotNull(typeof(Lot).GetMethod(nameof(Lot.Create), [type]));
        else
            Assert.NotNull(new Lot { LotNumber = "L", Material = "PET", OriginCountry = "JP" }.Apply(e));
    }

    [Theory]
    [MemberData(nameof(LotEvents))]
    public void The_inline_lot_projection_takes_it(Type type)
    {
        var methods = typeof(LotProjection).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name is "Create" or "Apply" && m.GetParameters()[0].ParameterType == type);
        Assert.Single(methods);
    }
}

using Registry.Domain.Materials;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Organizations;

namespace Registry.Domain.Tests;

public static class LotFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Maker = new(Guid.NewGuid(), "JP");
    public static readonly Actor Recycler = new(Guid.NewGuid(), "VN");

    /// <summary>The organization behind an actor, as a transfer's receiver is looked up.</summary>
    public static Organization AsOrganization(this Actor actor, OrganizationRole role = OrganizationRole.Recycler) =>
        new(actor.OrganizationId, $"Org-{actor.OrganizationId:N}", actor.Country, role, "hash", T0);

    public static Lot Registered(decimal massKg = 100m, Actor? owner = null) =>
        Lot.Start((LotRegistered)RegisterLotDecider.Decide(
            new RegisterLot("L-1", MaterialCategory.Plastic, "PET", massKg, T0), Guid.NewGuid(), owner ?? Maker, T0).Events[0]);

    /// <summary>Folds an accepted decision's events into the lot they name (and only that lot).</summary>
    public static Lot Then(this Lot lot, Decision decision)
    {
        Assert.Null(decision.Rejection);
        Assert.All(decision.Events, e => Assert.Equal(lot.Id, ((ILotEvent)e).LotId));
        return decision.Events.Aggregate(lot, (state, e) => state.Fold((ILotEvent)e));
    }

    public static Rejection Rejected(this Decision decision, string code)
    {
        Assert.Empty(decision.Events);
        Assert.NotNull(decision.Rejection);
        Assert.Equal(code, decision.Rejection!.Code);
        return decision.Rejection;
    }
}

using Registry.Domain.Lots;
using Registry.Domain.Lots.Sharing;
using Registry.Domain.Lots.Transferring;
using Registry.Domain.Organizations;
using static Registry.Domain.Tests.LotFixtures;

namespace Registry.Domain.Tests;

public sealed class GrantLotReadDeciderTests
{
    private static readonly Actor Auditor = new(Guid.NewGuid(), "DE");
    private static readonly Guid GrantId = Guid.NewGuid();

    private static Decision Grant(Lot lot, Actor actor, Actor? to = null, GrantScope scope = GrantScope.Lot, DateTimeOffset? expiresAt = null) =>
        GrantLotReadDecider.Decide(new("Auditor", scope, expiresAt), lot, actor, (to ?? Auditor).AsOrganization(), GrantId, T0);

    [Fact]
    public void The_owner_grants_a_read_that_the_lot_keeps_and_the_grantee_then_sees_it()
    {
        var lot = Registered();
        Assert.False(lot.IsVisibleTo(Auditor.OrganizationId, OrganizationRole.Manufacturer, T0));

        var shared = lot.Then(Grant(lot, Maker, scope: GrantScope.Trace, expiresAt: T0.AddDays(1)));

        var grant = Assert.Single(shared.Grants);
        Assert.Equal((GrantId, Auditor.OrganizationId, GrantScope.Trace, Maker.OrganizationId, T0.AddDays(1), false),
            (grant.Id, grant.GranteeId, grant.Scope, grant.GrantedBy, grant.ExpiresAt!.Value, grant.Revoked));
        Assert.True(shared.IsVisibleTo(Auditor.OrganizationId, OrganizationRole.Manufacturer, T0));
        // A grant binds no later event's time.
        Assert.Equal(lot.LastOccurredAt, shared.LastOccurredAt);
    }

    [Fact]
    public void The_holder_may_grant_and_so_may_the_owner_after_a_transfer_but_no_one_else()
    {
        var lot = Registered();
        var moved = lot.Then(TransferLotDecider.Decide(new("R", T0), lot, Maker, Recycler.AsOrganization(), Guid.NewGuid(), T0));
        Assert.Null(Grant(moved, Recycler).Rejection);
        Assert.Null(Grant(moved, Maker).Rejection);
        Grant(moved, new Actor(Guid.NewGuid(), "FR")).Rejected("not-holder-or-owner");
    }

    [Fact]
    public void The_grantee_must_be_a_registered_organization_other_than_the_granter()
    {
        var lot = Registered();
        Assert.Equal("toOrganization", GrantLotReadDecider.Decide(new("Nobody", GrantScope.Lot), lot, Maker, null, GrantId, T0)
            .Rejected("unknown-organization").Field);
        Grant(lot, Maker, to: Maker).Rejected("grant-to-self");
    }

    [Fact]
    public void A_grant_must_expire_in_the_future()
    {
        Assert.Equal("expiresAt", Grant(Registered(), Maker, expiresAt: T0).Rejected("expires-in-past").Field);
        Assert.Null(Grant(Registered(), Maker, expiresAt: T0.AddSeconds(1)).Rejection);
    }

    [Fact]
    public void A_grant_stops_at_its_expiry_and_at_its_revocation()
    {
        var lot = Registered();
        var shared = lot.Then(Grant(lot, Maker, expiresAt: T0.AddHours(1)));
        Assert.True(shared.IsVisibleTo(Auditor.OrganizationId, OrganizationRole.Manufacturer, T0.AddMinutes(59)));
        Assert.False(shared.IsVisibleTo(Auditor.OrganizationId, OrganizationRole.Manufacturer, T0.AddHours(1)));

        var revoked = shared.Then(RevokeLotGrantDecider.Decide(new(GrantId), shared, Maker, T0));
        Assert.True(Assert.Single(revoked.Grants).Revoked);
        Assert.False(revoked.IsVisibleTo(Auditor.OrganizationId, OrganizationRole.Manufacturer, T0));
    }

    [Fact]
    public void Revoking_an_unknown_or_revoked_grant_is_refused_and_only_the_holder_or_owner_revokes()
    {
        var lot = Registered();
        var shared = lot.Then(Grant(lot, Maker));
        RevokeLotGrantDecider.Decide(new(Guid.NewGuid()), shared, Maker, T0).Rejected("grant-not-found");
        RevokeLotGrantDecider.Decide(new(GrantId), shared, Auditor, T0).Rejected("not-holder-or-owner");
        var revoked = shared.Then(RevokeLotGrantDecider.Decide(new(GrantId), shared, Maker, T0));
        RevokeLotGrantDecider.Decide(new(GrantId), revoked, Maker, T0).Rejected("grant-already-revoked");
    }

    [Fact]
    public void A_trace_grant_shows_upstream_lots_the_granter_sees_and_a_lot_grant_shows_none()
    {
        var input = Registered();
        var strangers = Registered(owner: Recycler);
        var output = Registered();
        var traced = output.Then(Grant(output, Maker, scope: GrantScope.Trace));
        var (auditor, role) = (Auditor.OrganizationId, OrganizationRole.Manufacturer);

        Assert.True(input.IsVisibleInTraceOf(traced, auditor, role, T0));
        Assert.False(strangers.IsVisibleInTraceOf(traced, auditor, role, T0));
        Assert.False(input.IsVisibleTo(auditor, role, T0));

        var lotOnly = output.Then(Grant(output, Maker));
        Assert.False(input.IsVisibleInTraceOf(lotOnly, auditor, role, T0));
    }
}

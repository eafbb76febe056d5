using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.Auth;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Sharing;

namespace Registry.Api.GraphQL.Lots;

/// <summary>Who a lot is shared with.</summary>
public static class GrantFields
{
    public static void AddGrantFields(this ObjectGraphType query)
    {
        query.Field<ListGraphType<NonNullGraphType<GrantType>>>("grants")
            .Description("The lot's read grants, revoked and expired ones too: all of them for its holder and owner (and " +
                         "ministries and admins), its own for a grantee; none for a lot the caller may not see.")
            .Argument<NonNullGraphType<IdGraphType>>("lotId")
            .ResolveAsync(async c =>
            {
                var now = c.Now();
                var lot = await LotQueries.LotAsync(c.Service<IQuerySession>(), c.Service<OrganizationNames>(), c.User!, now,
                    c.GetArgument<string>("lotId"), null, null, c.CancellationToken);
                return lot is null ? [] : c.Recorded(GrantsShownTo(c.User!, lot), [lot]);
            });
    }

    /// <summary>A grantee learns nothing of the lot's other readers.</summary>
    private static IEnumerable<LotGrant> GrantsShownTo(ClaimsPrincipal user, Lot lot)
    {
        var me = user.OrganizationId();
        return user.SeesEveryLot() || lot.HolderId == me || lot.OwnerId == me ? lot.Grants : lot.Grants.Where(g => g.GranteeId == me);
    }
}

public sealed class GrantType : ObjectGraphType<LotGrant>
{
    public GrantType()
    {
        Name = "Grant";
        Field<NonNullGraphType<IdGraphType>>("id").Description("What DELETE /api/lots/{lotId}/grants/{grantId} revokes.")
            .Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("grantee").Description("The organization that may read the lot.")
            .Resolve(c => c.Service<OrganizationNames>().NameOf(c.Source.GranteeId));
        Field<NonNullGraphType<RestSpelledEnumGraphType<GrantScope>>>("scope")
            .Description("Lot: the lot alone; Trace: the lot and its upstream lineage as far as the granter sees it.")
            .Resolve(c => c.Source.Scope);
        Field<NonNullGraphType<StringGraphType>>("grantedBy").Resolve(c => c.Service<OrganizationNames>().NameOf(c.Source.GrantedBy));
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("grantedAt").Resolve(c => c.Source.GrantedAt);
        Field<DateTimeWithOffsetGraphType>("expiresAt").Resolve(c => c.Source.ExpiresAt);
        Field(x => x.Revoked);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("Neither revoked nor expired now.")
            .Resolve(c => c.Source.IsActive(c.Now()));
    }
}

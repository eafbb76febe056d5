using System.Security.Claims;
using GraphQL;
using Marten;
using Marten.Linq.MatchesSql;
using Registry.Api.Auth;
using Registry.Api.GraphQL.Lots;
using Registry.Api.ReferenceData;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.SupplyRisk;
using Registry.Projections.SupplyRisk;

namespace Registry.Api.GraphQL.SupplyRisk;

/// <summary>
/// Supply risk is national (ministries and admins). Exposure is open to everyone: ministries and admins get every
/// lot as counts (lots name organizations, which they see only as a count); a company's answer covers the lots it
/// holds or held and those granted to it, listed.
/// </summary>
public static class SupplyRiskResolvers
{
    public static async Task<SupplyRiskAnswer> SupplyRiskAsync(
        SupplyRiskQueries queries, SupplyRiskReference reference, ClaimsPrincipal user, string element, int year,
        string importingCountry, CancellationToken cancellation)
    {
        if (!user.SeesEveryLot()) Arguments.Forbidden("Supply risk is for ministries and admins.");
        Arguments.Element(element);
        Arguments.Country(importingCountry, "importingCountry");
        Arguments.Year(year);
        var masses = await queries.MassesAsync(element, year, importingCountry, cancellation);
        return SupplyRiskFormula.Assess(element, year, importingCountry, masses, reference.Figures);
    }

    public static async Task<Exposure> ExposureAsync(
        SupplyRiskQueries queries, IQuerySession session, ClaimsPrincipal user, DateTimeOffset now, string country, string? element,
        int? year, CancellationToken cancellation)
    {
        Arguments.Country(country, "country");
        Arguments.Element(element);
        if (year is { } y) Arguments.Year(y);
        var scope = user.SeesEveryLot()
            ? new ExposureScope(country, element ?? Elements.Bulk, year, null)
            : new ExposureScope(country, element ?? Elements.Bulk, year, user.OrganizationId(), await GrantedAsync(session, user, now, cancellation));
        var answer = await queries.ExposureAsync(scope, cancellation);
        if (user.SeesEveryLot()) return new Exposure(answer, []);
        var rank = answer.Lots.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var lots = (await session.LoadManyAsync<Lot>(cancellation, answer.Lots)).Where(l => user.CanSee(l, now))
            .OrderBy(l => rank[l.Id]).ToList();
        return new Exposure(answer, lots);
    }

    /// <summary>The lots granted to the company now (its own lots come from the custody facts).</summary>
    private static async Task<IReadOnlyList<Guid>> GrantedAsync(
        IQuerySession session, ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellation)
    {
        var me = user.OrganizationId().ToString("D");
        return await session.Query<Lot>().Where(l => l.MatchesSql('^', LotVisibilitySql.ActiveGrantee("d", "^", "^"), me, me, now))
            .Select(l => l.Id).ToListAsync(cancellation);
    }
}

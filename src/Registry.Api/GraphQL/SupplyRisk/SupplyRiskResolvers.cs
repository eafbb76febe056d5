using System.Security.Claims;
using GraphQL;
using Marten;
using Registry.Api.Auth;
using Registry.Api.GraphQL.Lots;
using Registry.Api.ReferenceData;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.SupplyRisk;
using Registry.Projections.SupplyRisk;

namespace Registry.Api.GraphQL.SupplyRisk;

/// <summary>
/// Supply risk is national (ministries and admins). Exposure is open to everyone: ministries and admins see all
/// lots with organizations only as a count; a company's answer covers its own lots only.
/// </summary>
public static class SupplyRiskResolvers
{
    public static async Task<SupplyRiskAnswer> SupplyRiskAsync(
        SupplyRiskQueries queries, SupplyRiskReference reference, ClaimsPrincipal user, string element, int year,
        string importingCountry, CancellationToken cancellation)
    {
        if (!user.SeesEveryLot())
            throw new ExecutionError("Supply risk is for ministries and admins.") { Code = ErrorCodes.Forbidden };
        CheckElement(element);
        CheckCountry(importingCountry, "importingCountry");
        CheckYear(year);
        var masses = await queries.MassesAsync(element, year, importingCountry, cancellation);
        return SupplyRiskFormula.Assess(element, year, importingCountry, masses, reference.Figures);
    }

    public static async Task<Exposure> ExposureAsync(
        SupplyRiskQueries queries, IQuerySession session, ClaimsPrincipal user, string country, string? element, int? year,
        CancellationToken cancellation)
    {
        CheckCountry(country, "country");
        if (element is not null) CheckElement(element);
        if (year is { } y) CheckYear(y);
        var scope = new ExposureScope(country, element ?? Elements.Bulk, year, user.SeesEveryLot() ? null : user.OrganizationId());
        var answer = await queries.ExposureAsync(scope, cancellation);
        var rank = answer.Lots.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var lots = (await session.LoadManyAsync<Lot>(cancellation, answer.Lots)).Where(l => LotQueries.CanSee(user, l))
            .OrderBy(l => rank[l.Id]).ToList();
        return new Exposure(answer, lots);
    }

    private static void CheckElement(string element)
    {
        if (!Elements.IsElement(element))
            throw new ExecutionError($"element '{element}' is not an element symbol (e.g. Dy, Co).") { Code = ErrorCodes.InvalidArgument };
    }

    private static void CheckCountry(string country, string argument)
    {
        if (!Countries.IsKnown(country))
            throw new ExecutionError($"{argument} '{country}' is not an ISO 3166-1 alpha-2 country code.") { Code = ErrorCodes.InvalidArgument };
    }

    private static void CheckYear(int year)
    {
        if (year is < 1900 or > 2200) throw new ExecutionError("year must be between 1900 and 2200.") { Code = ErrorCodes.InvalidArgument };
    }
}

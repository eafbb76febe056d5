using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Epcis;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.OpenApi;
using Registry.Domain.Identifiers;
using Wolverine.Http;

namespace Registry.Api.Passports;

/// <summary>
/// The passport's public door (api.md, December 2026 additions): <c>GET /passports/{lotId}</c> answers the tiers the
/// caller may see as JSON-LD, with or without a key; <c>GET /01/{gtin}/10/{lot}</c>, the GS1 Digital Link resolver,
/// redirects (307, as GS1 resolvers do) to the passport of the lot with that identity. A lot the caller may see no
/// passport of is answered as a missing one.
/// </summary>
public static class PassportEndpoints
{
    public const string Tag = "Passports";

    [WolverineGet("/passports/{lotId}", OperationId = "ReadPassport"), Tags(Tag), AllowAnonymous]
    [EndpointSummary("Read a lot's battery or product passport")]
    [EndpointDescription("The public tier of a lot placed on the market, to anyone; with the key of an organization that " +
        "may see the lot (its custodians, ministries, admins), the restricted tier too, and the passport of a lot not yet " +
        "placed. JSON-LD: `@context` inline, `@id` this URL, `@type` BatteryPassport or ProductPassport.")]
    [ProducesResponseType<Passport>(StatusCodes.Status200OK, PassportJsonLd.ContentType, Description = "The passport as JSON-LD: these members, after `@context`, `@id` and `@type`; `restricted` only for callers who may see the lot.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, RegistryAnswersPolicy.ProblemJson, Description = "`invalid-lot-id`: the id is no UUID.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, RegistryAnswersPolicy.ProblemJson, Description = "`lot-not-found`: no such lot, or none whose passport the caller may see.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, RegistryAnswersPolicy.ProblemJson, Description = "`database-unavailable`: retry after Retry-After seconds.")]
    public static async Task<IResult> Read(string lotId, HttpContext http, ClaimsPrincipal user, PassportReader passports)
    {
        if (!Guid.TryParse(lotId, out var id))
            return Problems.Result(Problems.Of(StatusCodes.Status400BadRequest, "invalid-lot-id", "The lot id must be a UUID."));
        if (await passports.ReadAsync(id, user, http.RequestAborted) is not { } passport)
            return Problems.LotNotFound(id);
        var registry = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return Results.Text(PassportJsonLd.Text(passport, registry), PassportJsonLd.ContentType);
    }

    [WolverineGet("/01/{gtin}/10/{lot}", OperationId = "ResolveDigitalLink"), Tags(Tag), AllowAnonymous]
    [EndpointSummary("Resolve a GS1 Digital Link to its lot's passport")]
    [EndpointDescription("The lot whose GS1 identity (epcClass) is this GTIN with this batch/lot number, and whose passport " +
        "the caller may see: the first registered, so a lot before the parts split off it. GTIN-8, -12 and -13 are read as " +
        "GTIN-14.")]
    [ProducesResponseType(StatusCodes.Status307TemporaryRedirect, Description = "`Location`: the passport, /passports/{lotId}.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, RegistryAnswersPolicy.ProblemJson, Description = "`invalid-gtin`: not 8, 12, 13 or 14 digits with a valid check digit; `invalid-lot-number`: not a GS1 batch/lot number.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, RegistryAnswersPolicy.ProblemJson, Description = "`lot-not-found`: no lot with this identity whose passport the caller may see.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, RegistryAnswersPolicy.ProblemJson, Description = "`database-unavailable`: retry after Retry-After seconds.")]
    public static async Task<IResult> Resolve(string gtin, string lot, HttpContext http, ClaimsPrincipal user, PassportReader passports)
    {
        if (gtin.Length is not (8 or 12 or 13 or 14) || !Gs1CheckDigit.IsValid(gtin.PadLeft(14, '0'), 14))
            return Problems.Result(Problems.Of(StatusCodes.Status400BadRequest, "invalid-gtin",
                "The GTIN must be 8, 12, 13 or 14 digits ending in its GS1 check digit."));
        if (LotClasses.Canonical($"https://id.gs1.org/01/{gtin.PadLeft(14, '0')}/10/{Uri.EscapeDataString(lot)}") is not { } identity)
            return Problems.Result(Problems.Of(StatusCodes.Status400BadRequest, "invalid-lot-number",
                "The batch/lot number must be 1 to 80 characters (GS1 AI 10)."));
        if (await passports.ResolveAsync(identity, user, http.RequestAborted) is not { } lotId)
            return Problems.Result(Problems.Of(StatusCodes.Status404NotFound, "lot-not-found", $"No lot {identity} is registered."));
        return Results.Redirect(PassportIds.Path(lotId), permanent: false, preserveMethod: true);
    }
}

using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure;
using Registry.Domain.Organizations;
using Wolverine.Http;

namespace Registry.Api.Organizations.IssuingKeys;

public sealed record ApiKeyIssued(Guid OrganizationId, string? ApiKey);

public static class IssueApiKeyEndpoint
{
    /// <summary>
    /// A new key for the organization (an admin, or the organization itself, asks); the previous key stops working
    /// as the new one commits. Shown once: a retry with the same Idempotency-Key gets the answer without it.
    /// </summary>
    [WolverinePost("/api/organizations/{organizationId}/api-keys", OperationId = "IssueApiKey"), Tags("Organizations"), Authorize]
    [ProducesResponseType<ApiKeyIssued>(StatusCodes.Status201Created, "application/json", Description = "The new key, shown once (a replay omits it); the previous key stops working.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, RegistryAnswersPolicy.ProblemJson, Description = "`forbidden-organization`: only an admin or the organization itself may issue its keys.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, RegistryAnswersPolicy.ProblemJson, Description = "`organization-not-found`.")]
    public static async Task<IResult> Post(
        Guid organizationId, ClaimsPrincipal user, IDocumentSession session, HttpContext http, KnownApiKeys known)
    {
        if (!user.IsInRole(Roles.Admin) && user.OrganizationId() != organizationId)
            return Problems.Result(Problems.Of(StatusCodes.Status403Forbidden, "forbidden-organization",
                "Only an admin or the organization itself may issue the organization's API keys."));
        if (await session.LoadAsync<Organization>(organizationId, http.RequestAborted) is not { } organization)
            return Problems.Result(Problems.Of(StatusCodes.Status404NotFound, "organization-not-found",
                $"No organization {organizationId} is registered."));

        var apiKey = ApiKeys.Generate();
        session.Store(organization with { ApiKeyHash = ApiKeys.Hash(apiKey) });
        known.ForgetAfterCommit(session, organizationId);
        return WriteResults.Respond(session, http, StatusCodes.Status201Created, new ApiKeyIssued(organizationId, apiKey),
            replayBody: new ApiKeyIssued(organizationId, null), location: ReadLocations.Viewer);
    }
}

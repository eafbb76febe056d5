using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Registry.Api.Infrastructure;
using Registry.Domain.Organizations;

namespace Registry.Api.Auth;

/// <summary><c>Authorization: Bearer &lt;api key&gt;</c>: the key names one organization and its role.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDocumentStore store,
    KnownApiKeys known)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            return AuthenticateResult.Fail("Expected 'Authorization: Bearer <api key>'.");

        var hash = ApiKeys.Hash(header[7..].Trim());
        if (!known.TryGetValue(hash, out var organization))
        {
            await using var session = store.QuerySession();
            organization = await session.Query<Organization>().FirstOrDefaultAsync(o => o.ApiKeyHash == hash);
            if (organization is null) return AuthenticateResult.Fail("Unknown API key.");
            known[hash] = organization;
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, organization.Id.ToString()),
            new Claim(ClaimTypes.Name, organization.Name),
            new Claim(ClaimTypes.Role, organization.Role.ToString()),
            new Claim(Roles.CountryClaim, organization.Country),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, Problems.Of(StatusCodes.Status401Unauthorized, "unauthenticated",
            "A valid API key is required: 'Authorization: Bearer <api key>'."));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, Problems.Of(StatusCodes.Status403Forbidden, "forbidden-role",
            "This organization's role may not call this route."));
}

/// <summary>Organizations already authenticated, by key hash. Keys are never rotated or revoked yet.</summary>
public sealed class KnownApiKeys : ConcurrentDictionary<string, Organization>;

using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Registry.Api.Demo;
using Registry.Api.Infrastructure;
using Registry.Domain.Organizations;

namespace Registry.Api.Auth;

/// <summary><c>Authorization: Bearer &lt;api key&gt;</c>: the key names one organization and its role.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDocumentStore store,
    KnownApiKeys known,
    FailedAuthentications failures,
    IHostEnvironment environment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string RetryAfterItem = "registry:auth-retry-after";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            return AuthenticateResult.Fail("Expected 'Authorization: Bearer <api key>'.");

        var hash = ApiKeys.Hash(header[7..].Trim());
        // The demo keys are public (README): whatever a database saw in Development, they open nothing elsewhere.
        if (!environment.IsDevelopment() && DemoData.KeyHashes.Contains(hash)) return AuthenticateResult.Fail("Unknown API key.");
        if (known.Find(hash) is not { } organization)
        {
            var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (failures.Reserve(address) is { } wait)
            {
                Context.Items[RetryAfterItem] = wait;
                return AuthenticateResult.Fail("Too many failed authentications from this address.");
            }
            var generation = known.Generation;
            try
            {
                await using var session = store.QuerySession();
                organization = await session.Query<Organization>().FirstOrDefaultAsync(o => o.ApiKeyHash == hash, Context.RequestAborted);
            }
            catch
            {
                failures.Release(address); // no answer is no failure (e.g. 503 while PostgreSQL is down)
                throw;
            }
            if (organization is null) return AuthenticateResult.Fail("Unknown API key.");
            failures.Release(address);
            known.Remember(hash, organization, generation);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(Roles.PrincipalOf(organization, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return Problems.Write(Context, Problems.Of(StatusCodes.Status429TooManyRequests, "too-many-failed-authentications",
                "Too many unknown API keys came from this address; wait before trying again."));
        }
        return Problems.Write(Context, Problems.Of(StatusCodes.Status401Unauthorized, "unauthenticated",
            "A valid API key is required: 'Authorization: Bearer <api key>'."));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, Problems.Of(StatusCodes.Status403Forbidden, "forbidden-role",
            "This organization's role may not call this route."));
}

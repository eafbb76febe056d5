using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Infrastructure;
using Registry.Domain.Identifiers;
using Registry.Domain.Organizations;
using Wolverine.Http;

namespace Registry.Api.Organizations.Registering;

public sealed record RegisterOrganization(string? Name, string? Country, string? Role, string? Gln = null);

public sealed record OrganizationRegistered(
    Guid OrganizationId, string Name, string Role, string Country, string? ApiKey, string? Gln = null);

public sealed class RegisterOrganizationValidator : AbstractValidator<RegisterOrganization>
{
    public RegisterOrganizationValidator()
    {
        RuleFor(x => x.Name).Required().MaximumLength(200)
            .Must(n => n is null || n == n.Trim()).WithMessage("name must not start or end with spaces.");
        RuleFor(x => x.Country).Required().Country();
        RuleFor(x => x.Role).OneOf<RegisterOrganization, OrganizationRole>();
        RuleFor(x => x.Gln).Must(gln => Gs1CheckDigit.IsValid(gln, 13))
            .When(x => x.Gln is not null).WithMessage("gln must be a GLN: 13 digits, the last the GS1 check digit.");
    }
}

public static class RegisterOrganizationEndpoint
{
    [WolverinePost("/api/organizations", OperationId = "RegisterOrganization"), Tags("Organizations"), Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<OrganizationRegistered>(StatusCodes.Status201Created, "application/json", Description = "The organization and its API key, shown once (a replay omits it).")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "`organization-name-taken`, `gln-taken`, `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static IResult Post(
        RegisterOrganization command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        // A taken name or GLN fails the commit on its unique index: 409 organization-name-taken, gln-taken.
        var apiKey = ApiKeys.Generate();
        var organization = new Organization(Guid.CreateVersion7(), command.Name!, command.Country!,
            Enum.Parse<OrganizationRole>(command.Role!), ApiKeys.Hash(apiKey), clock.GetUtcNow(), command.Gln);
        session.Insert(organization);

        var answer = new OrganizationRegistered(organization.Id, organization.Name, command.Role!, organization.Country, apiKey, organization.Gln);
        // The key is shown once and never stored in clear: a retried request gets the answer without it.
        return WriteResults.Respond(session, http, StatusCodes.Status201Created, answer,
            replayBody: answer with { ApiKey = null }, location: ReadLocations.Viewer);
    }
}

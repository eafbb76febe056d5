using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Domain.Lots.Correcting;
using Wolverine.Http;

namespace Registry.Api.Lots.Correcting;

public sealed class CorrectLotMassValidator : AbstractValidator<CorrectLotMass>
{
    public CorrectLotMassValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        // Zero is a valid measurement (the lot turned out empty); negative mass is not.
        RuleFor(x => x.MassKg).NotNull().WithMessage("massKg is required.")
            .GreaterThanOrEqualTo(0).WithMessage("massKg must not be negative.")
            .LessThanOrEqualTo(FieldRules.MaxMassKg);
        RuleFor(x => x.Reason).NotEmpty().WithMessage("reason is required: corrections are never silent.")
            .MaximumLength(1000);
    }
}

public static class CorrectLotMassEndpoint
{
    [WolverinePost("/api/lots/{lotId}/corrections"), Authorize(Roles = Roles.LotWriters)]
    public static Task<IResult> Post(
        Guid lotId, CorrectLotMass command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock) =>
        LotWrites.DecideAsync(session, http, lotId, lot =>
            CorrectLotMassDecider.Decide(command, lot, user.ToActor(), clock.GetUtcNow()));
}

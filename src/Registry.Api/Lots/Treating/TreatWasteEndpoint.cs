using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Treating;
using Wolverine.Http;

namespace Registry.Api.Lots.Treating;

public sealed class TreatWasteValidator : AbstractValidator<TreatWaste>
{
    public TreatWasteValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.Route).OneOf<TreatWaste, TreatmentRoute>();
        RuleFor(x => x.MassKg).PositiveMass();
    }
}

public static class TreatWasteEndpoint
{
    [WolverinePost("/api/lots/{lotId}/treatments"), Authorize(Roles = Roles.LotWriters)]
    public static Task<IResult> Post(
        Guid lotId, TreatWaste command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock) =>
        LotWrites.DecideAsync(session, http, lotId, lot =>
            TreatWasteDecider.Decide(command, lot, user.ToActor(), clock.GetUtcNow()));
}

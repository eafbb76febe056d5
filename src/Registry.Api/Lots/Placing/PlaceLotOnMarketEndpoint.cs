using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Domain.Lots.Placing;
using Wolverine.Http;

namespace Registry.Api.Lots.Placing;

public sealed class PlaceLotOnMarketValidator : AbstractValidator<PlaceLotOnMarket>
{
    public PlaceLotOnMarketValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.Country).Required().Country();
    }
}

public static class PlaceLotOnMarketEndpoint
{
    [WolverinePost("/api/lots/{lotId}/placements"), Authorize(Roles = Roles.LotWriters)]
    public static Task<IResult> Post(
        Guid lotId, PlaceLotOnMarket command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock) =>
        LotWrites.DecideAsync(session, http, lotId, lot =>
            PlaceLotOnMarketDecider.Decide(command, lot, user.ToActor(), clock.GetUtcNow()));
}

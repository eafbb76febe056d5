using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Domain.Lots;
using Registry.Domain.Lots.CollectingWaste;
using Wolverine.Http;

namespace Registry.Api.Lots.CollectingWaste;

public sealed class CollectLotAsWasteValidator : AbstractValidator<CollectLotAsWaste>
{
    public CollectLotAsWasteValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.WasteKind).OneOf<CollectLotAsWaste, WasteKind>();
    }
}

public static class CollectLotAsWasteEndpoint
{
    [WolverinePost("/api/lots/{lotId}/waste-collections"), Authorize(Roles = Roles.LotWriters)]
    public static Task<IResult> Post(
        Guid lotId, CollectLotAsWaste command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock) =>
        LotWrites.DecideAsync(session, http, lotId, lot =>
            CollectLotAsWasteDecider.Decide(command, lot, user.ToActor(), clock.GetUtcNow()));
}

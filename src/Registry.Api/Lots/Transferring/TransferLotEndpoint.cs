using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Domain.Lots.Transferring;
using Registry.Domain.Organizations;
using Wolverine.Http;

namespace Registry.Api.Lots.Transferring;

public sealed class TransferLotValidator : AbstractValidator<TransferLot>
{
    public TransferLotValidator()
    {
        RuleFor(x => x.ToOrganization).Required();
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.FromCountry).Country();
        RuleFor(x => x.ToCountry).Country();
    }
}

public static class TransferLotEndpoint
{
    [WolverinePost("/api/lots/{lotId}/transfers"), Authorize(Roles = Roles.LotWriters)]
    public static async Task<IResult> Post(
        Guid lotId, TransferLot command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock)
    {
        var receiver = await session.Query<Organization>()
            .FirstOrDefaultAsync(o => o.Name == command.ToOrganization, http.RequestAborted);
        return await LotWrites.DecideAsync(session, http, lotId, lot =>
            TransferLotDecider.Decide(command, lot, user.ToActor(), receiver, clock.GetUtcNow()));
    }
}

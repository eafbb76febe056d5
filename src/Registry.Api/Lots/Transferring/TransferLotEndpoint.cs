using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Infrastructure;
using Registry.Api.Organizations;
using Registry.Domain.Lots;
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
        if (CheckReceiver(receiver, command.ToOrganization!) is { } refused) return Problems.From(refused);

        return await LotWrites.DecideAsync(session, http, lotId, lot =>
            TransferLotDecider.Decide(command, lot, user.ToActor(), receiver!.AsActor(), clock.GetUtcNow()));
    }

    /// <summary>Why <paramref name="receiver"/> (looked up by <paramref name="name"/>) cannot take a lot, or null.</summary>
    public static Rejection? CheckReceiver(Organization? receiver, string name)
    {
        if (receiver is null)
            return new(RejectionKind.InvalidField, "unknown-organization",
                $"No organization is registered as '{name}'.", "toOrganization");
        // Ministries and admins record no lots: a lot they held could never move again.
        if (receiver.Role is not (OrganizationRole.Manufacturer or OrganizationRole.Recycler))
            return new(RejectionKind.InvalidField, "receiver-cannot-hold-lots",
                $"'{receiver.Name}' is a {receiver.Role} and cannot hold lots.", "toOrganization");
        return null;
    }
}

using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Infrastructure;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Materials;
using Wolverine.Http;

namespace Registry.Api.Lots.Registering;

public sealed class RegisterLotValidator : AbstractValidator<RegisterLot>
{
    public RegisterLotValidator()
    {
        Include(new LotDescriptionValidator());
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.OriginCountry).Country();
        RuleFor(x => x.Site).MaximumLength(200);
        RuleFor(x => x.WasteKind).OneOf<RegisterLot, WasteKind>().When(x => x.WasteKind is not null);
        RuleFor(x => x.Provenance).Custom((provenance, context) =>
            context.Relay(CompositionChecks.Provenance(provenance, context.InstanceToValidate.Composition)));
    }
}

public static class RegisterLotEndpoint
{
    [WolverinePost("/api/lots"), Authorize(Roles = Roles.LotWriters)]
    public static IResult Post(
        RegisterLot command, ClaimsPrincipal user, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        // A taken lot number fails the commit on the unique (owner, lot number) index: 409 lot-number-taken.
        var lotId = Guid.CreateVersion7();
        var decision = RegisterLotDecider.Decide(command, lotId, user.ToActor(), clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        session.Events.StartStream<Lot>(lotId, decision.Events);
        var version = decision.Events.Count;
        return WriteResults.Respond(session, http, StatusCodes.Status201Created, new LotWritten(lotId, version), version);
    }
}

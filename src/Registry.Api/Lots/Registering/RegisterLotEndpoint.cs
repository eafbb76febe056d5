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
        RuleFor(x => x.LotNumber).Required().Code(maxLength: 200);
        RuleFor(x => x.Category).OneOf<RegisterLot, MaterialCategory>();
        RuleFor(x => x.Material).Required()
            .Must((command, material) => !Enum.TryParse<MaterialCategory>(command.Category, out var category)
                                         || MaterialCatalog.IsKnown(category, material))
            .WithMessage(command => $"'{command.Material}' is not a known {command.Category} material code.");
        RuleFor(x => x.MassKg).PositiveMass();
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.OriginCountry).Country();
        RuleFor(x => x.Site).MaximumLength(200);
        RuleFor(x => x.ProductType).Code(maxLength: 64);
        RuleFor(x => x.Units).GreaterThan(0).WithMessage("units must be positive.");
        RuleFor(x => x.Units).Null()
            .When(x => x.Category != nameof(MaterialCategory.Product))
            .WithMessage("units apply only to Product lots.");
        RuleFor(x => x.Composition).Custom(CompositionRules.CheckComposition);
        RuleFor(x => x.Provenance).Custom((provenance, context) =>
            CompositionRules.CheckProvenance(provenance, context.InstanceToValidate.Composition, context));
    }
}

public static class RegisterLotEndpoint
{
    [WolverinePost("/api/lots"), Authorize(Roles = Roles.LotWriters)]
    public static async Task<IResult> Post(
        RegisterLot command, ClaimsPrincipal user, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var actor = user.ToActor();
        // The unique index on (owner, lot number) settles a race; this check gives the usual case a clear answer.
        if (await session.Query<Lot>().AnyAsync(
                l => l.OwnerId == actor.OrganizationId && l.LotNumber == command.LotNumber, http.RequestAborted))
            return Problems.Result(Problems.Of(StatusCodes.Status409Conflict, "lot-number-taken",
                $"This organization already registered lot number '{command.LotNumber}'."));

        var lotId = Guid.CreateVersion7();
        var decision = RegisterLotDecider.Decide(command, lotId, actor, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        session.Events.StartStream<Lot>(lotId, decision.Events);
        var version = decision.Events.Count;
        return WriteResults.Respond(session, http, StatusCodes.Status201Created, new LotWritten(lotId, version), version);
    }
}

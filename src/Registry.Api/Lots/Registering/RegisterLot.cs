using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using Marten;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Epcis;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Materials;
using Wolverine.Http;

namespace Registry.Api.Lots.Registering;

public sealed record RegisterLotRequest(
    string? LotNumber,
    string? Category,
    string? Material,
    decimal? MassKg,
    DateTimeOffset? OccurredAt,
    string? Site = null,
    Dictionary<string, decimal>? Composition = null,
    Dictionary<string, Dictionary<string, decimal>>? Provenance = null,
    string? ProductType = null,
    int? Units = null,
    string? OriginCountry = null,
    string? WasteKind = null,
    string? EpcClass = null) : ILotDescription, IRequest<RegisterLot>
{
    public RegisterLot ToCommand() => new(
        LotNumber!, Enum.Parse<MaterialCategory>(Category!), Material!, MassKg!.Value, OccurredAt!.Value, Site, Composition,
        Provenance, ProductType, Units, OriginCountry, WasteKind is null ? null : Enum.Parse<WasteKind>(WasteKind),
        LotClasses.Canonical(EpcClass));
}

public sealed class RegisterLotValidator : AbstractValidator<RegisterLotRequest>
{
    public RegisterLotValidator()
    {
        Include(new LotDescriptionValidator());
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.OriginCountry).Country();
        RuleFor(x => x.Site).MaximumLength(200);
        RuleFor(x => x.WasteKind).OneOf<RegisterLotRequest, WasteKind>().When(x => x.WasteKind is not null);
        RuleFor(x => x.Provenance).Custom((provenance, context) =>
            context.Relay(CompositionChecks.Provenance(provenance, context.InstanceToValidate.Composition)));
    }
}

public static class RegisterLotEndpoint
{
    /// <summary>A taken lot number or epcClass fails the commit on its unique index (per owner): 409 lot-number-taken,
    /// epc-class-taken.</summary>
    public static readonly Operation<RegisterLotRequest, RegisterLot> Operation =
        Operation<RegisterLotRequest, RegisterLot>.Starting("RegisterLot",
            (command, context) => RegisterLotDecider.Decide(command, context.NewId(), context.Actor, context.Now)) with
        {
            LotNumbers = command => [("lotNumber", command.LotNumber)],
        };

    [WolverinePost("/api/lots", OperationId = "RegisterLot"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<LotWritten>(StatusCodes.Status201Created, "application/json", Description = "The lot, registered at version 1; its ETag is the version.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "`lot-number-taken`, `epc-class-taken` (per owner), or a rule the registration breaks.")]
    public static Task<IResult> Post(RegisterLotRequest request, IDocumentSession session, HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock));
}

using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots.Treating;
using Registry.Domain.Lots;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.Treating;

public sealed record TreatWasteRequest(DateTimeOffset? OccurredAt, string? Route, decimal? MassKg) : IRequest<TreatWaste>
{
    public TreatWaste ToCommand() => new(OccurredAt!.Value, Enum.Parse<TreatmentRoute>(Route!), MassKg!.Value);
}

public sealed class TreatWasteValidator : AbstractValidator<TreatWasteRequest>
{
    public TreatWasteValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.Route).OneOf<TreatWasteRequest, TreatmentRoute>();
        RuleFor(x => x.MassKg).PositiveMass();
    }
}

public static class TreatWasteEndpoint
{
    public static readonly Operation<TreatWasteRequest, TreatWaste> Operation =
        Operation<TreatWasteRequest, TreatWaste>.OnLotNamed("TreatWaste", (command, lot, context) =>
            TreatWasteDecider.Decide(command, lot, context.Actor, context.Now));

    [WolverinePost("/api/lots/{lotId}/treatments", OperationId = "TreatWaste"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<LotWritten>(StatusCodes.Status200OK, "application/json", Description = "The lot's new version.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "A rule the treatment breaks (the lot's stage), `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        TreatWasteRequest request, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock), lot);
}

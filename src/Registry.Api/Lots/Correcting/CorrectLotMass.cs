using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots.Correcting;
using Registry.Domain.Lots;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.Correcting;

public sealed record CorrectLotMassRequest(DateTimeOffset? OccurredAt, decimal? MassKg, string? Reason) : IRequest<CorrectLotMass>
{
    public CorrectLotMass ToCommand() => new(OccurredAt!.Value, MassKg!.Value, Reason!);
}

public sealed class CorrectLotMassValidator : AbstractValidator<CorrectLotMassRequest>
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
    public static readonly Operation<CorrectLotMassRequest, CorrectLotMass> Operation =
        Operation<CorrectLotMassRequest, CorrectLotMass>.OnLotNamed("CorrectLotMass", (command, lot, context) =>
            CorrectLotMassDecider.Decide(command, lot, context.Actor, context.Now));

    [WolverinePost("/api/lots/{lotId}/corrections", OperationId = "CorrectLotMass"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<LotWritten>(StatusCodes.Status200OK, "application/json", Description = "The lot's new version.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "A rule the correction breaks, `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        CorrectLotMassRequest request, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock), lot);
}

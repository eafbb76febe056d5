using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots.CollectingWaste;
using Registry.Domain.Lots;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.CollectingWaste;

public sealed record CollectLotAsWasteRequest(DateTimeOffset? OccurredAt, string? WasteKind) : IRequest<CollectLotAsWaste>
{
    public CollectLotAsWaste ToCommand() => new(OccurredAt!.Value, Enum.Parse<WasteKind>(WasteKind!));
}

public sealed class CollectLotAsWasteValidator : AbstractValidator<CollectLotAsWasteRequest>
{
    public CollectLotAsWasteValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.WasteKind).OneOf<CollectLotAsWasteRequest, WasteKind>();
    }
}

public static class CollectLotAsWasteEndpoint
{
    public static readonly Operation<CollectLotAsWasteRequest, CollectLotAsWaste> Operation =
        Operation<CollectLotAsWasteRequest, CollectLotAsWaste>.OnLotNamed("CollectLotAsWaste", (command, lot, context) =>
            CollectLotAsWasteDecider.Decide(command, lot, context.Actor, context.Now));

    [WolverinePost("/api/lots/{lotId}/waste-collections", OperationId = "CollectLotAsWaste"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<LotWritten>(StatusCodes.Status200OK, "application/json", Description = "The lot's new version.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "A rule the collection breaks (the lot's stage), `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        CollectLotAsWasteRequest request, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock), lot);
}

using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots.Placing;
using Registry.Domain.Lots;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.Placing;

public sealed record PlaceLotOnMarketRequest(DateTimeOffset? OccurredAt, string? Country) : IRequest<PlaceLotOnMarket>
{
    public PlaceLotOnMarket ToCommand() => new(OccurredAt!.Value, Country!);
}

public sealed class PlaceLotOnMarketValidator : AbstractValidator<PlaceLotOnMarketRequest>
{
    public PlaceLotOnMarketValidator()
    {
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.Country).Required().Country();
    }
}

public static class PlaceLotOnMarketEndpoint
{
    public static readonly Operation<PlaceLotOnMarketRequest, PlaceLotOnMarket> Operation =
        Operation<PlaceLotOnMarketRequest, PlaceLotOnMarket>.OnLotNamed("PlaceLotOnMarket", (command, lot, context) =>
            PlaceLotOnMarketDecider.Decide(command, lot, context.Actor, context.Now));

    [WolverinePost("/api/lots/{lotId}/placements", OperationId = "PlaceLotOnMarket"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<LotWritten>(StatusCodes.Status200OK, "application/json", Description = "The lot's new version.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "A rule the placement breaks (the lot's stage), `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        PlaceLotOnMarketRequest request, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock), lot);
}

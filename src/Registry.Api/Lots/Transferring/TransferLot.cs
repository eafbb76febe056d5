using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Transferring;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.Transferring;

public sealed record TransferLotRequest(
    string? ToOrganization, DateTimeOffset? OccurredAt, string? FromCountry = null, string? ToCountry = null,
    decimal? MassKg = null) : IRequest<TransferLot>
{
    public TransferLot ToCommand() => new(ToOrganization!, OccurredAt!.Value, FromCountry, ToCountry, MassKg);
}

public sealed class TransferLotValidator : AbstractValidator<TransferLotRequest>
{
    public TransferLotValidator()
    {
        RuleFor(x => x.ToOrganization).Required();
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.FromCountry).Country();
        RuleFor(x => x.ToCountry).Country();
        RuleFor(x => x.MassKg).PositiveMass().When(x => x.MassKg is not null);
    }
}

public static class TransferLotEndpoint
{
    /// <summary>The whole lot moves (200), or with <c>massKg</c> a part split off it (201, <c>transferredLotId</c>).</summary>
    public static readonly Operation<TransferLotRequest, TransferLot> Operation =
        Operation<TransferLotRequest, TransferLot>.OnLotNamed("TransferLot", (command, lot, context) =>
            TransferLotDecider.Decide(command, lot, context.Actor, context.Organization(command.ToOrganization),
                context.NewId(), context.Now)) with
        {
            Organizations = command => [command.ToOrganization],
            Answer = (decision, lot, version) =>
            {
                var answer = WriteAnswer.OnLot(decision, lot!, version);
                return decision.Events.OfType<LotSplit>().SingleOrDefault() is { } split
                    ? answer with
                    {
                        Status = StatusCodes.Status201Created,
                        Body = (LotWritten)answer.Body with { TransferredLotId = split.PartLotId },
                        Location = ReadLocations.Lot(split.PartLotId),
                    }
                    : answer;
            },
        };

    [WolverinePost("/api/lots/{lotId}/transfers", OperationId = "TransferLot"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<LotWritten>(StatusCodes.Status200OK, "application/json", Description = "The whole lot moved: its new version.")]
    [ProducesResponseType<LotWritten>(StatusCodes.Status201Created, "application/json", Description = "With massKg, a part split off for the receiver: transferredLotId.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "A rule the transfer breaks (e.g. an unknown receiver, more mass than remains), `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        TransferLotRequest request, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock), lot);
}

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
using Registry.Domain.Lots.Sharing;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.Sharing;

public sealed record GrantLotReadRequest(string? ToOrganization, string? Scope, DateTimeOffset? ExpiresAt = null) : IRequest<GrantLotRead>
{
    public GrantLotRead ToCommand() => new(ToOrganization!, Enum.Parse<GrantScope>(Scope!), ExpiresAt);
}

public sealed class GrantLotReadValidator : AbstractValidator<GrantLotReadRequest>
{
    public GrantLotReadValidator()
    {
        RuleFor(x => x.ToOrganization).Required();
        RuleFor(x => x.Scope).OneOf<GrantLotReadRequest, GrantScope>();
    }
}

/// <param name="GrantId">What revokes it: <c>DELETE /api/lots/{lotId}/grants/{grantId}</c>.</param>
public sealed record GrantWritten(Guid GrantId);

public static class GrantLotReadEndpoint
{
    public static readonly Operation<GrantLotReadRequest, GrantLotRead> Operation =
        Operation<GrantLotReadRequest, GrantLotRead>.OnLotNamed("GrantLotRead", (command, lot, context) =>
            GrantLotReadDecider.Decide(command, lot, context.Actor, context.Organization(command.ToOrganization),
                context.NewId(), context.Now)) with
        {
            Organizations = command => [command.ToOrganization],
            ActorCheck = LotRules.CheckHolderOrOwner,
            Answer = (decision, lot, version) =>
            {
                var granted = decision.Events.OfType<LotReadGranted>().Single();
                return new WriteAnswer(StatusCodes.Status201Created, new GrantWritten(granted.GrantId), version + 1);
            },
        };

    [WolverinePost("/api/lots/{lotId}/grants", OperationId = "GrantLotRead"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<GrantWritten>(StatusCodes.Status201Created, "application/json", Description = "The grant: its id revokes it.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "`concurrent-write` or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        GrantLotReadRequest request, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock), lot);
}

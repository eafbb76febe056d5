using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Operations;
using Registry.Domain.Lots;
using Registry.Domain.Lots.Sharing;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Lots.Sharing;

/// <summary>The grant to revoke, as the route names it.</summary>
public sealed record RevokeLotGrantRequest(Guid GrantId) : IRequest<RevokeLotGrant>
{
    public RevokeLotGrant ToCommand() => new(GrantId);
}

/// <summary>A DELETE of the REST door only: its request is the route, so the operation is not in the catalogue
/// (whose doors take bodies by POST) and is kept private to this route.</summary>
public static class RevokeLotGrantEndpoint
{
    private static readonly Operation<RevokeLotGrantRequest, RevokeLotGrant> Operation =
        Operation<RevokeLotGrantRequest, RevokeLotGrant>.OnLotNamed("RevokeLotGrant", (command, lot, context) =>
            RevokeLotGrantDecider.Decide(command, lot, context.Actor, context.Now)) with
        {
            ActorCheck = LotRules.CheckHolderOrOwner,
            Answer = (decision, lot, version) => WriteAnswer.OnLot(decision, lot!, version) with { Status = StatusCodes.Status204NoContent },
        };

    [WolverineDelete("/api/lots/{lotId}/grants/{grantId}", OperationId = "RevokeLotGrant"), Tags("Lots"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType(StatusCodes.Status204NoContent, Description = "Revoked: the grantee reads the lot no more.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, RegistryAnswersPolicy.ProblemJson, Description = "`lot-not-found`, or `grant-not-found`: the lot has no such grant.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "`grant-already-revoked`, or `concurrent-write`.")]
    public static Task<IResult> Delete(
        Guid grantId, [WriteAggregate(Required = false)] IEventStream<Lot> lot, IDocumentSession session,
        HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, new RevokeLotGrantRequest(grantId), new(session, http, clock), lot);
}

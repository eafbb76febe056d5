using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Auth;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.OpenApi;
using Wolverine.Http;

namespace Registry.Api.Integrity;

/// <summary>
/// The chain's public face (api.md): the signed checkpoints and the key that verifies them, open to anyone, so that a
/// company or a ministry can keep them and prove later that the history before them was not rewritten.
/// </summary>
public static class IntegrityEndpoints
{
    public sealed record CheckpointPage(string KeyId, IReadOnlyList<Checkpoint> Checkpoints, long? NextBefore);

    /// <summary>Newest first, <c>limit</c> (at most 100) a page; <c>before</c> pages back.</summary>
    [WolverineGet("/.well-known/registry-checkpoints", OperationId = "ListCheckpoints"), Tags("Integrity"), AllowAnonymous]
    public static async Task<IResult> Checkpoints(long? before, int? limit, ChainLinks links, RegistryKey key, HttpContext http)
    {
        var size = Math.Clamp(limit ?? ChainLinks.PageLimit, 1, ChainLinks.PageLimit);
        var page = await links.ListAsync(before ?? long.MaxValue, size, http.RequestAborted);
        return Results.Json(new CheckpointPage(key.KeyId, page, page.Count == size ? page[^1].Sequence : null));
    }

    [WolverineGet("/.well-known/registry-key", OperationId = "GetRegistryKey"), Tags("Integrity"), AllowAnonymous]
    public static IResult Key(RegistryKey key) =>
        Results.Json(new { keyId = key.KeyId, algorithm = "ES256", publicKey = key.PublicKeyPem, jwk = key.Jwk() });

    /// <summary>Signs the chain's head now (it first takes in every committed event); the latest checkpoint again when
    /// nothing was written since.</summary>
    [WolverinePost("/api/checkpoints", OperationId = "SignCheckpoint"), Tags("Integrity"), Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<Checkpoint>(StatusCodes.Status201Created, "application/json", Description = "The checkpoint signed.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "`chain-empty`: no event to sign yet.")]
    public static async Task<IResult> Sign(ChainLinks links, HttpContext http) =>
        await links.CheckpointAsync(http.RequestAborted) is { } checkpoint
            ? Results.Json(checkpoint, statusCode: StatusCodes.Status201Created)
            : Problems.Result(Problems.Of(StatusCodes.Status409Conflict, "chain-empty", "The registry holds no event yet: there is nothing to sign."));
}

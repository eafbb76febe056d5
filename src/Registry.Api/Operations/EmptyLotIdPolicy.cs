using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Registry.Api.Infrastructure;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Registry.Api.Operations;

/// <summary>
/// Answers a route naming the empty GUID as a lot (<c>/api/lots/00000000-…/…</c>) as an unknown lot, before
/// Wolverine's aggregate workflow fetches it (Marten refuses the empty id with an exception).
/// </summary>
public sealed class EmptyLotIdPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RoutePattern?.Parameters.Any(p => p.Name == "lotId") == true))
        {
            var call = new MethodCall(typeof(EmptyLotIdPolicy), nameof(Refuse));
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }

    public static IResult Refuse(HttpContext http) =>
        http.Request.RouteValues["lotId"] is string id && Guid.TryParse(id, out var lotId) && lotId == Guid.Empty
            ? Problems.LotNotFound(lotId)
            : WolverineContinue.Result();
}

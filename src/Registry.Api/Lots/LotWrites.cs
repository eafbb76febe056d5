using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Lots;

namespace Registry.Api.Lots;

public sealed record LotWritten(Guid LotId, long Version);

/// <summary>
/// The write path every operation on an existing lot shares: fetch the lot for writing (optimistic concurrency
/// on its stream version), check If-Match, let the pure decider decide, append. The transaction is committed
/// by Wolverine (AutoApplyTransactions).
/// </summary>
public static class LotWrites
{
    public static async Task<IResult> DecideAsync(
        IDocumentSession session, HttpContext http, Guid lotId, Func<Lot, Decision> decide)
    {
        var stream = await session.Events.FetchForWriting<Lot>(lotId, http.RequestAborted);
        if (stream.Aggregate is not { } lot) return Problems.LotNotFound(lotId);
        var currentVersion = stream.StartingVersion ?? 0;
        if (IfMatch.IsStale(http, currentVersion))
            return Problems.Result(Problems.Of(StatusCodes.Status412PreconditionFailed, "stale-version",
                $"The lot is at version {currentVersion}, not the one in If-Match."));

        var decision = decide(lot);
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        stream.AppendMany(decision.Events);
        var version = currentVersion + decision.Events.Count;
        return WriteResults.Respond(session, http, StatusCodes.Status200OK, new LotWritten(lotId, version), version);
    }
}

/// <summary><c>If-Match: "3"</c> makes a write conditional on the lot being at version 3.</summary>
public static class IfMatch
{
    public static bool IsStale(HttpContext http, long currentVersion)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*") return false;
        return !long.TryParse(header.Trim().Trim('W', '/').Trim('"'), out var expected) || expected != currentVersion;
    }
}

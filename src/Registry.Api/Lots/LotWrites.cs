using Marten;
using Registry.Api.Auth;
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
        // A lot the caller may not see is answered as a missing one; the holder check comes before If-Match, so
        // neither a 403 nor a 412 tells an outsider that the lot exists or which version it is at.
        var stream = lotId == Guid.Empty ? null : await session.Events.FetchForWriting<Lot>(lotId, http.RequestAborted);
        if (stream?.Aggregate is not { } lot || !http.User.CanSee(lot)) return Problems.LotNotFound(lotId);
        if (LotRules.CheckHolder(lot, http.User.OrganizationId()) is { } notHolder) return Problems.From(notHolder);
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

using JasperFx.Events;
using Marten;
using Marten.Events;
using Registry.Api.Auth;
using Registry.Api.Epcis.Exporting;
using Registry.Api.Infrastructure;
using Registry.Domain;
using Registry.Domain.Lots;

namespace Registry.Api.Operations;

/// <summary>What a REST write needs from its request: the transaction's session, the HTTP exchange, the clock.</summary>
public sealed record HttpWrite(IDocumentSession Session, HttpContext Http, TimeProvider Clock);

/// <summary>
/// The REST door onto the catalogue, written once for every route: with the lot Wolverine fetched, check visibility,
/// holder and If-Match; fetch the other lots the command names for writing (optimistic on their versions); decide;
/// append to each stream, with its EPCIS equivalent; answer with ETag and idempotency record. Wolverine commits the session.
/// </summary>
public static class OperationWrites
{
    /// <param name="lot">The lot acted on, fetched for writing by Wolverine's aggregate workflow (optimistic on its
    /// starting version at commit), for operations on one lot.</param>
    public static async Task<IResult> RunAsync(IOperation operation, object request, HttpWrite write, IEventStream<Lot>? lot = null)
    {
        var (session, http, cancellation) = (write.Session, write.Http, write.Http.RequestAborted);
        var command = operation.ToCommand(request);
        var now = write.Clock.GetUtcNow();
        var streams = new Dictionary<Guid, IEventStream<Lot>>();
        Lot? target = null;
        if (operation.OnLot)
        {
            // An unseen lot is answered as a missing one, before the holder check and If-Match: neither a 403 nor a
            // 412 tells an outsider that the lot exists or which version it is at.
            if (lot?.Aggregate is not { } acted || !http.User.CanSee(acted, now)) return Problems.LotNotFound(lot?.Id ?? Guid.Empty);
            if (operation.CheckActor(acted, http.User.OrganizationId()) is { } notHolder) return Problems.From(notHolder);
            if (IfMatch.IsStale(http, lot.StartingVersion ?? 0))
                return Problems.Result(Problems.Of(StatusCodes.Status412PreconditionFailed, "stale-version",
                    $"The lot is at version {lot.StartingVersion ?? 0}, not the one in If-Match."));
            (streams[acted.Id], target) = (lot, acted);
        }
        // In id order, so concurrent writes take their row locks in one order.
        foreach (var id in operation.LotsNamed(command).Where(id => id != Guid.Empty && !streams.ContainsKey(id)).Distinct().Order())
            streams[id] = await session.Events.FetchForWriting<Lot>(id, cancellation);
        var organizations = new OrganizationDirectory();
        // A command naming another organization (a transfer) is exported naming both parties: the actor is loaded too.
        var named = operation.OrganizationsNamed(command).ToList();
        await organizations.LoadAsync(session, named.Count > 0 ? [.. named, http.User.Identity!.Name!] : named, cancellation);

        var context = new OperationContext(http.User.ToActor(), now,
            id => streams.GetValueOrDefault(id)?.Aggregate is { } named && http.User.CanSee(named, now) ? named : null,
            organizations.Find);
        var decision = operation.Decide(command, target, context);
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        EpcisExport.Queue(session, decision.Events, new ExportContext(id => streams.GetValueOrDefault(id)?.Aggregate,
            id => organizations.Find(id) is { } o ? ExportOrganization.Of(o) : null, http.User.OrganizationId(), now));
        foreach (var stream in EventStreams.Group(decision.Events))
        {
            if (stream.Starts is { } aggregate) session.Events.StartStream(aggregate, stream.StreamId, stream.Events.ToArray());
            else streams[stream.StreamId].AppendMany(stream.Events);
        }
        var answer = operation.AnswerTo(decision, target, target is null ? 0 : streams[target.Id].StartingVersion ?? 0);
        return WriteResults.Respond(session, http, answer.Status, answer.Body, answer.Version, location: answer.Location);
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

using System.Security.Claims;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Auth;
using Registry.Api.Epcis.Hashing;
using Registry.Api.Epcis.Storing;
using Registry.Api.Imports;
using Registry.Api.Infrastructure;
using Registry.Api.Operations;
using Registry.Domain.Lots;
using Registry.Domain.Organizations;

namespace Registry.Api.Epcis.Capturing;

/// <summary>A validated event of a document, with its Event Hash ID.</summary>
public sealed record CapturedEvent(int Index, JsonObject Event, string Hash)
{
    public string? EventId => EventVocabulary.Text(Event["eventID"]);
}

/// <summary>Who captures, with the document's <c>@context</c> (its prefixes), for one job.</summary>
public sealed record CaptureScope(ClaimsPrincipal Capturer, Guid CaptureId, CaptureErrorBehaviour Behaviour, JsonNode? DocumentContext)
{
    /// <summary>The prefixes the stored events' keys use, the registry's own among them, for the documents that
    /// answer queries.</summary>
    public JsonObject RowContext { get; } = RowContextOf(DocumentContext);

    internal Prefixes Prefixes { get; } = Prefixes.Of(DocumentContext);

    private static JsonObject RowContextOf(JsonNode? context)
    {
        var merged = new JsonObject();
        foreach (var map in context is JsonArray list ? list.OfType<JsonObject>() : context is JsonObject one ? [one] : [])
            foreach (var (term, iri) in map)
                merged[term] = iri?.DeepClone();
        merged["cmr"] = EventVocabulary.Namespace;
        return merged;
    }
}

/// <param name="Restart">The event whose operations were partly applied before one failed: with <c>proceed</c>, the
/// batch is decided again without it, so that no event is applied in part.</param>
public sealed record BatchCapture(int Stored, int Duplicates, IReadOnlyList<CaptureError> Errors, int? Restart = null);

/// <summary>
/// The capture door onto the catalogue: each event of a batch is mapped to operations (<see cref="MassFlows"/>) and
/// each is decided as the import decides a line, against the batch's lots, in the session's transaction; every event
/// is stored with its hash, whose unique index makes a resent event a duplicate and a concurrent one a failed commit.
/// The caller commits the session, with the job's progress beside the events.
/// </summary>
public sealed class EventCapture(ImportLineDecider decider, TimeProvider clock)
{
    public async Task<BatchCapture> ApplyAsync(
        IDocumentSession session, NpgsqlTransaction transaction, IReadOnlyList<CapturedEvent> events, CaptureScope scope,
        ISet<int> excluded, CancellationToken cancellation)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        // "hash captureId" (a hash holds no space).
        var known = (await session.AdvancedSql.QueryAsync<string>(
                $"select event_hash || ' ' || coalesce(capture_id::text, '') from {schema}.{EpcisEventTable.Name} where event_hash = any(?)",
                cancellation, [events.Select(e => e.Hash).Distinct().ToArray()]))
            .Select(row => row.Split(' '))
            .ToDictionary(r => r[0], r => Guid.TryParse(r[1], out var id) ? id : (Guid?)null);
        var now = clock.GetUtcNow();
        var batch = new ImportBatch(session, scope.Capturer, now, new OrganizationDirectory(), exports: false);
        var vocabularies = events.Select(e => new EventVocabulary(e.Event, scope.Prefixes)).ToList();
        await batch.LoadClassesAsync(vocabularies.SelectMany(v => v.Classes()).Distinct(), cancellation);
        await batch.LoadLotNumbersAsync(vocabularies.SelectMany(MassFlows.LotNumbersTaken).Distinct(), cancellation);
        var organizations = await OrganizationsByGlnAsync(session, vocabularies, cancellation);

        var (stored, duplicates, errors) = (0, 0, new List<CaptureError>());
        for (var i = 0; i < events.Count; i++)
        {
            var captured = events[i];
            if (known.TryGetValue(captured.Hash, out var by))
            {
                // Stored by this very job before a restart: counted once, as it was; anyone else's: a duplicate.
                if (by == scope.CaptureId) stored++; else duplicates++;
                continue;
            }
            if (excluded.Contains(captured.Index)) continue;
            var flow = MassFlows.Of(vocabularies[i], batch, organizations.GetValueOrDefault);
            if (flow.ErrorCode is { } code)
            {
                errors.Add(new(captured.Index, captured.EventId, code, flow.Error!, Status: flow.Status));
                if (scope.Behaviour == CaptureErrorBehaviour.Rollback) break;
                continue;
            }
            var before = batch.Recorded.Count;
            Observe(flow, captured, vocabularies[i], batch, now);
            if (await DecideAsync(flow, captured, batch, now, cancellation) is { } refused)
            {
                errors.Add(refused);
                if (scope.Behaviour == CaptureErrorBehaviour.Rollback) break;
                if (batch.Recorded.Count > before) return new(stored, duplicates, errors, captured.Index);
                continue;
            }
            var lots = batch.Recorded.Skip(before).OfType<ILotEvent>().Select(e => e.LotId).Concat(flow.Observed);
            batch.Store(StoredEpcisEvent.Of(Answered(captured, now), scope.RowContext, captured.Hash,
                scope.Capturer.OrganizationId(), lots, scope.CaptureId));
            known[captured.Hash] = scope.CaptureId;
            stored++;
        }
        if (errors.Count == 0 || scope.Behaviour == CaptureErrorBehaviour.Proceed) await batch.WriteAsync(transaction, cancellation);
        return new(stored, duplicates, errors);
    }

    /// <summary>The event in the history of each lot it observes that the capturer holds (others are only linked to it).</summary>
    private static void Observe(MassFlow flow, CapturedEvent captured, EventVocabulary e, ImportBatch batch, DateTimeOffset now)
    {
        var me = batch.Actor.OrganizationId;
        var held = flow.Observed.Select(id => batch.Find(new LotReference(id, null, null))).Where(l => l?.HolderId == me);
        batch.Record([.. held.Select(l => new LotObserved(l!.Id, me, captured.EventId ?? captured.Hash, e.Type, e.BizStep, e.Disposition,
            e.EventTime) { ActorCountry = batch.Actor.Country })], now);
    }

    /// <summary>Each operation of the event, decided as an import line; the first refusal, as a capture error.</summary>
    private async Task<CaptureError?> DecideAsync(
        MassFlow flow, CapturedEvent captured, ImportBatch batch, DateTimeOffset now, CancellationToken cancellation)
    {
        foreach (var line in flow.Lines)
        {
            var importLine = new ImportLine(captured.Index, line.Operation, IdempotencyKey: null,
                line.LotId is { } id ? new LotReference(id, null, null) : null, line.Body, Fingerprint: "", Malformed: null);
            var outcome = await decider.DecideAsync(importLine, batch, now, cancellation);
            if (!outcome.Succeeded) return Describe(captured, line.Operation, (ProblemDetails)outcome.Problem!);
        }
        return null;
    }

    private static CaptureError Describe(CapturedEvent captured, IOperation operation, ProblemDetails problem)
    {
        var code = problem.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? "refused" : "refused";
        var message = problem is HttpValidationProblemDetails validation && validation.Errors.Count > 0
            ? string.Join(" ", validation.Errors.SelectMany(e => e.Value))
            : problem.Detail ?? problem.Title ?? code;
        return new(captured.Index, captured.EventId, code, $"{operation.Name}: {message}", Status: problem.Status ?? 409);
    }

    /// <summary>The event as the repository answers it: as captured, with its eventID (the hash when it had none), the
    /// record time and its hash.</summary>
    private static JsonObject Answered(CapturedEvent captured, DateTimeOffset now)
    {
        var answered = captured.Event.DeepClone().AsObject();
        answered["eventID"] ??= captured.Hash;
        answered["recordTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        answered["cmr:eventHash"] = captured.Hash;
        return answered;
    }

    private static async Task<Dictionary<string, Organization>> OrganizationsByGlnAsync(
        IDocumentSession session, IEnumerable<EventVocabulary> events, CancellationToken cancellation)
    {
        var glns = events.SelectMany(e => e.OwningParties("destinationList")).Distinct().ToArray();
        if (glns.Length == 0) return [];
        var found = await session.Query<Organization>().Where(o => o.Gln.IsOneOf(glns)).ToListAsync(cancellation);
        return found.ToDictionary(o => o.Gln!);
    }
}

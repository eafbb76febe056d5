using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;
using Registry.Api.Epcis.Hashing;
using Registry.Api.Infrastructure;

namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// Runs a capture job over a validated document's events, batch by batch, so that memory holds one batch. With
/// <c>rollback</c> every batch is written in one transaction, committed with the finished job or not at all; with
/// <c>proceed</c> each batch commits with the job's progress, so a job resumed after a restart goes on after the last
/// committed batch, and a batch that had started again finds its own events by hash.
/// </summary>
public sealed class CaptureRunner(IDocumentStore store, NpgsqlDataSource dataSource, EventCapture capture, TimeProvider clock,
    Observability.RegistryMetrics metrics, Imports.LoadedTableStatistics statistics)
{
    /// <summary>Events per batch: as the import's lines per transaction.</summary>
    public const int BatchEvents = 500;
    private const int MaxErrors = 1000;
    private const int Attempts = 3;

    public async Task<CaptureJob> RunAsync(
        CaptureJob job, JsonObject header, Func<IAsyncEnumerable<(int Index, JsonObject Event)>> events, ClaimsPrincipal capturer,
        CancellationToken cancellation)
    {
        var scope = new CaptureScope(capturer, job.Id, job.Behaviour, header["@context"]);
        var ignored = EventHashes.IgnoredFields(header);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var batches = Batches(events(), header["@context"], ignored, cancellation);
                var finished = job.Behaviour == CaptureErrorBehaviour.Rollback
                    ? await AllOrNothingAsync(job, batches, scope, cancellation)
                    : await BatchByBatchAsync(await ReloadAsync(job, cancellation), batches, scope, cancellation);
                statistics.Loaded(finished.Stored);
                return finished;
            }
            catch (Exception exception) when (attempt < Attempts &&
                                              ErrorHandlingMiddleware.Classify(exception, conditional: false) is { Status: 409 })
            {
                // A concurrent write to one of the lots, or the same event captured at once by another job: decide again.
            }
        }
    }

    private async Task<CaptureJob> AllOrNothingAsync(
        CaptureJob job, IAsyncEnumerable<List<CapturedEvent>> batches, CaptureScope scope, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var (stored, duplicates) = (0, 0);
        await foreach (var batch in batches)
        {
            await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
            var result = await capture.ApplyAsync(session, transaction, batch, scope, new HashSet<int>(), cancellation);
            if (result.Errors.Count > 0)
            {
                await transaction.RollbackAsync(cancellation);
                return await SaveAsync(job with { Errors = result.Errors, NextEvent = job.EventCount }, success: false, cancellation);
            }
            await session.SaveChangesAsync(cancellation);
            (stored, duplicates) = (stored + result.Stored, duplicates + result.Duplicates);
        }
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            var done = job with { Stored = stored, Duplicates = duplicates, NextEvent = job.EventCount };
            job = done.Finished(clock.GetUtcNow(), success: true);
            session.Store(job);
            await session.SaveChangesAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
        metrics.CaptureEvents(stored);
        return job;
    }

    private async Task<CaptureJob> BatchByBatchAsync(
        CaptureJob job, IAsyncEnumerable<List<CapturedEvent>> batches, CaptureScope scope, CancellationToken cancellation)
    {
        await foreach (var all in batches)
        {
            var batch = all.Where(e => e.Index >= job.NextEvent).ToList();
            if (batch.Count == 0) continue;
            var (excluded, restarted) = (new HashSet<int>(), new List<CaptureError>());
            while (true)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellation);
                await using var transaction = await connection.BeginTransactionAsync(cancellation);
                await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
                var result = await capture.ApplyAsync(session, transaction, batch, scope, excluded, cancellation);
                if (result.Restart is { } partly)
                {
                    // That event's first operations were taken into the batch before one failed: decide it all again without it.
                    excluded.Add(partly);
                    restarted.Add(result.Errors[^1]);
                    continue;
                }
                var errors = job.Errors.Concat(restarted).Concat(result.Errors).OrderBy(e => e.EventIndex).Take(MaxErrors).ToList();
                job = job with
                {
                    NextEvent = batch[^1].Index + 1, Stored = job.Stored + result.Stored, Duplicates = job.Duplicates + result.Duplicates,
                    Errors = errors,
                };
                session.Store(job);
                await session.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
                metrics.CaptureEvents(result.Stored);
                break;
            }
        }
        return await SaveAsync(job, success: job.Errors.Count == 0, cancellation);
    }

    private async Task<CaptureJob> ReloadAsync(CaptureJob job, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<CaptureJob>(job.Id, cancellation) ?? job;
    }

    private async Task<CaptureJob> SaveAsync(CaptureJob job, bool success, CancellationToken cancellation)
    {
        job = job.Finished(clock.GetUtcNow(), success);
        await using var session = store.LightweightSession();
        session.Store(job);
        await session.SaveChangesAsync(cancellation);
        return job;
    }

    /// <summary>The document's events in batches, each with its Event Hash ID.</summary>
    private static async IAsyncEnumerable<List<CapturedEvent>> Batches(
        IAsyncEnumerable<(int Index, JsonObject Event)> events, JsonNode? context, IReadOnlyList<string> ignored,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        var batch = new List<CapturedEvent>(BatchEvents);
        await foreach (var (index, e) in events.WithCancellation(cancellation))
        {
            batch.Add(new(index, e, EventHashes.Of(e, context, ignored)));
            if (batch.Count < BatchEvents) continue;
            yield return batch;
            batch = new List<CapturedEvent>(BatchEvents);
        }
        if (batch.Count > 0) yield return batch;
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Marten;
using Npgsql;
using Registry.Api.Auth;
using Registry.Domain.Organizations;

namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// Runs the capture jobs too large for their request: those accepted here at once, and every job still running, looked
/// for at start and then every <see cref="Sweep"/>, whichever process accepted it (a restart, a node that runs no jobs, a
/// job whose run failed: another run finishes it). A job is run under a PostgreSQL advisory lock on its id, so two
/// processes never run one job at once; a job that failed to finish three times is ended with the reason.
/// </summary>
public sealed class CaptureWorker(
    IDocumentStore store, NpgsqlDataSource dataSource, CaptureRunner runner, CaptureDocuments documents, CaptureSettings settings,
    TimeProvider clock, ILogger<CaptureWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 3;
    public static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, bool> queued = new();

    public void Enqueue(Guid captureId)
    {
        if (settings.RunsJobs && queued.TryAdd(captureId, true)) queue.Writer.TryWrite(captureId);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!settings.RunsJobs) return;
        _ = SweepAsync(stopping);
        await foreach (var id in queue.Reader.ReadAllAsync(stopping))
        {
            try
            {
                await RunAsync(id, stopping);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(exception, "Capture job {CaptureId} stopped; the next sweep tries it again", id);
            }
            finally
            {
                queued.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Every job still running, now and every <see cref="Sweep"/>.</summary>
    private async Task SweepAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Sweep);
        do
        {
            try
            {
                await using var session = store.QuerySession();
                foreach (var id in await session.Query<CaptureJob>().Where(j => j.Running).OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(stopping))
                    Enqueue(id);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Looking for capture jobs to run failed; the next sweep tries again");
            }
        } while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
    }

    private async Task RunAsync(Guid id, CancellationToken stopping)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(stopping);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", lockConnection))
        {
            take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey(id) });
            if (await take.ExecuteScalarAsync(stopping) is not true) return; // another process runs it
        }
        try
        {
            await RunLockedAsync(id, stopping);
        }
        finally
        {
            // A pooled connection keeps a session lock until it is reset: given back, it must hold none.
            await using var release = new NpgsqlCommand("select pg_advisory_unlock($1)", lockConnection);
            release.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey(id) });
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task RunLockedAsync(Guid id, CancellationToken stopping)
    {
        CaptureJob? job;
        Organization? capturer;
        await using (var session = store.LightweightSession())
        {
            job = await session.LoadAsync<CaptureJob>(id, stopping);
            if (job is not { Running: true }) return;
            capturer = await session.LoadAsync<Organization>(job.OrganizationId, stopping);
            job = job with { Attempts = job.Attempts + 1 };
            if (job.Attempts > MaxAttempts || capturer is null)
                job = job.Finished(clock.GetUtcNow(), success: false) with
                {
                    Errors = [.. job.Errors, new CaptureError(job.NextEvent, null, "capture-failed",
                        capturer is null ? "The capturing organization no longer exists." :
                        $"The job failed to finish {MaxAttempts} times; events before index {job.NextEvent} are applied as listed.")],
                };
            session.Store(job);
            await session.SaveChangesAsync(stopping);
        }
        if (!job.Running) { await documents.DeleteAsync(id, stopping); return; }

        await using var spool = SpooledDocument.Create();
        await documents.CopyToAsync(id, spool, stopping);
        spool.Position = 0;
        var header = await EpcisDocumentStream.ReadHeaderAsync(spool, stopping);
        await runner.RunAsync(job, header.Document, () => SpooledDocument.Events(spool, stopping), Roles.PrincipalOf(capturer!, "epcis-capture-job"), stopping);
        await documents.DeleteAsync(id, stopping);
    }

    private static long LockKey(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 8) ^ 0x4550_4349_5343_4150; // "EPCISCAP"
}

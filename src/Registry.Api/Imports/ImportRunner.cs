using System.Diagnostics;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;
using Registry.Api.Infrastructure;
using Registry.Api.Operations;
using System.Security.Claims;

namespace Registry.Api.Imports;

/// <param name="Timings">Where the batch's time went: loading, deciding, committing (the summary adds them up).</param>
public sealed record BatchResult(IReadOnlyList<ImportOutcome> Outcomes, int Events, ImportTimings Timings);

public sealed record ImportTimings(TimeSpan Load, TimeSpan Decide, TimeSpan Commit)
{
    public static readonly ImportTimings None = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
    public ImportTimings Add(ImportTimings other) => new(Load + other.Load, Decide + other.Decide, Commit + other.Commit);
}

/// <summary>
/// Applies a batch of lines in one transaction. When the commit fails on a race (a concurrent write to one of its
/// lots, a lot number or idempotency key taken meanwhile), the batch is applied again line by line, each in its
/// own transaction against fresh state: the race then costs only the line it concerns.
/// </summary>
public sealed class ImportRunner(IDocumentStore store, NpgsqlDataSource dataSource, ImportLineDecider decider, TimeProvider clock)
{
    public async Task<BatchResult> ApplyAsync(
        IReadOnlyList<ImportLine> lines, ClaimsPrincipal importer, OrganizationDirectory organizations, CancellationToken cancellation)
    {
        try
        {
            return await CommitAsync(lines, importer, organizations, cancellation);
        }
        catch (Exception exception) when (ErrorHandlingMiddleware.Classify(exception, conditional: false) is
                                              { Status: StatusCodes.Status409Conflict } problem)
        {
            if (lines.Count == 1)
                return new([await LostRaceAsync(lines[0], problem, importer, organizations, cancellation)], 0, ImportTimings.None);
            var (outcomes, events, timings) = (new List<ImportOutcome>(lines.Count), 0, ImportTimings.None);
            foreach (var line in lines)
            {
                var alone = await ApplyAsync([line], importer, organizations, cancellation);
                outcomes.AddRange(alone.Outcomes);
                (events, timings) = (events + alone.Events, timings.Add(alone.Timings));
            }
            return new(outcomes, events, timings);
        }
    }

    private async Task<BatchResult> CommitAsync(
        IReadOnlyList<ImportLine> lines, ClaimsPrincipal importer, OrganizationDirectory organizations, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        var now = clock.GetUtcNow();
        var batch = new ImportBatch(session, importer, now, organizations);
        var started = Stopwatch.GetTimestamp();
        await batch.LoadAsync(lines, cancellation);
        var loaded = Stopwatch.GetTimestamp();
        var outcomes = new List<ImportOutcome>(lines.Count);
        foreach (var line in lines) outcomes.Add(await decider.DecideAsync(line, batch, now, cancellation));
        var decided = Stopwatch.GetTimestamp();
        await batch.WriteAsync(transaction, cancellation);
        await transaction.CommitAsync(cancellation);
        return new(outcomes, batch.EventCount, new(Stopwatch.GetElapsedTime(started, loaded),
            Stopwatch.GetElapsedTime(loaded, decided), Stopwatch.GetElapsedTime(decided)));
    }

    /// <summary>A line that lost a race: when a concurrent request with its key won, the winner's answer.</summary>
    private async Task<ImportOutcome> LostRaceAsync(
        ImportLine line, Microsoft.AspNetCore.Mvc.ProblemDetails problem, ClaimsPrincipal importer, OrganizationDirectory organizations,
        CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var batch = new ImportBatch(session, importer, clock.GetUtcNow(), organizations);
        await batch.LoadAsync([line], cancellation);
        return batch.Replay(line) ?? ImportOutcome.Failed(line, problem);
    }
}

using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using System.Buffers;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Registry.Api.Auth;
using Registry.Api.Infrastructure;
using Registry.Api.Observability;
using Registry.Api.Operations;
using Wolverine.Http;

namespace Registry.Api.Imports;

/// <summary>
/// Bulk import: an NDJSON body of write commands, applied in batched transactions, answered with one NDJSON line
/// per input line as each batch commits (the progress), then a summary. The body is read as a stream, never
/// buffered, so a file of any size runs in flat memory.
/// </summary>
public static class ImportEndpoint
{
    public const string Route = "/api/imports";

    /// <summary>An import streams its body and batches its own lines: the per-request middlewares leave it alone.</summary>
    public static bool Handles(HttpRequest request) => request.Path.StartsWithSegments(Route);
    public const int MaxLineBytes = (int)RequestBodyGate.MaxBytes;
    /// <summary>Lines per transaction: enough to amortize round trips, few enough to keep a batch's state small.</summary>
    public const int BatchLines = 500;
    private const long BatchBytes = 4 * 1024 * 1024;

    [WolverinePost(Route, OperationId = "Import"), Tags("Imports"), Authorize(Roles = Roles.LotWriters)]
    [StreamedRequestBody("application/x-ndjson", "One write command per line: `{\"op\": \"RegisterLot\", \"idempotencyKey\": …, \"lot\": …, …the operation's request fields}`; `op` is one of the operations (RegisterLot, RecordTransformation, TransferLot, PlaceLotOnMarket, CollectLotAsWaste, TreatWaste, CorrectLotMass).")]
    [ProducesResponseType<ImportOutcome>(StatusCodes.Status200OK, "application/x-ndjson", Description = "One line per input line as each batch commits (`status`, and `result` or `problem`), then `{\"summary\": …}`, or `{\"aborted\": problem}` after a server error.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, RegistryAnswersPolicy.ProblemJson, Description = "`unsupported-media-type`: an import is application/x-ndjson.")]
    public static async Task Post(HttpContext http, ClaimsPrincipal user, ImportRunner runner, ImportLineDecider decider,
        LoadedTableStatistics statistics, ILogger<ImportRunner> logger, RegistryMetrics metrics)
    {
        if (!IsNdjson(http.Request.ContentType))
        {
            await Problems.Write(http, Problems.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                "An import is application/x-ndjson: one command per line."));
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";

        var (organizations, started) = (new OrganizationDirectory(), Stopwatch.GetTimestamp());
        var tally = new ImportTally();
        var progress = new ImportProgress(logger, metrics, user.OrganizationId());
        progress.Started();
        // Two stages: lines are read, parsed and their commands read (ImportLineDecider.ReadAhead, which needs no
        // other line) while the batch before commits; batches still apply one after the other, each deciding
        // against the state the one before committed.
        var pending = new List<ImportLine>();
        long pendingBytes = 0;
        Task<BatchResult>? applying = null;
        async Task AnswerAppliedAsync()
        {
            if (applying is null) return;
            var result = await applying;
            applying = null;
            tally.Add(result);
            progress.Applied(result, tally);
            foreach (var outcome in result.Outcomes) Write(http, outcome);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
        async Task ApplyPendingAsync()
        {
            await AnswerAppliedAsync();
            applying = runner.ApplyAsync(pending, user, organizations, http.RequestAborted);
            (pending, pendingBytes) = ([], 0);
        }

        try
        {
            try
            {
                await foreach (var raw in NdjsonLines.ReadAsync(http.Request.BodyReader, MaxLineBytes, http.RequestAborted))
                {
                    pending.Add(decider.ReadAhead(ImportLine.Parse(raw)));
                    pendingBytes += raw.Bytes?.Length ?? 0;
                    if (pending.Count >= BatchLines || pendingBytes >= BatchBytes) await ApplyPendingAsync();
                }
                if (pending.Count > 0) await ApplyPendingAsync();
            }
            finally
            {
                // Whatever stopped the reading, the batch under way ends before the request does.
                if (applying is not null) await ((Task)applying).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            await AnswerAppliedAsync();
            var summary = tally.Summary(Stopwatch.GetElapsedTime(started));
            progress.Finished(summary);
            statistics.Loaded(summary.Lines);
            Write(http, new { summary });
        }
        catch (Exception exception) when (http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // Too late for a status code: the answer ends with the reason instead of a summary, after the lines of
            // a batch that committed while the reading failed.
            if (applying is { IsCompletedSuccessfully: true }) await AnswerAppliedAsync();
            logger.LogError(exception, "Import stopped after {Lines} lines", tally.Lines);
            Write(http, new
            {
                aborted = Problems.Of(StatusCodes.Status500InternalServerError, "import-aborted",
                    $"The import stopped at a server error after {tally.Lines} lines; those answered above are applied, " +
                    "the rest are not. Send the file again: applied lines replay."),
            });
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    private static void Write(HttpContext http, object line)
    {
        var writer = http.Response.BodyWriter;
        using (var json = new Utf8JsonWriter(writer)) JsonSerializer.Serialize(json, line, ImportOutcome.Json);
        writer.Write("\n"u8);
    }

    private static bool IsNdjson(string? contentType) =>
        contentType?.Split(';')[0].Trim() is { } mediaType &&
        (mediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase) ||
         mediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase));
}

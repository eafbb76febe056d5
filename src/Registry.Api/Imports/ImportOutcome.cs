using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;

namespace Registry.Api.Imports;

/// <summary>
/// What became of one line, streamed back as one NDJSON line: the single route's status and body (<c>result</c>),
/// or its problem details (<c>problem</c>; typed object so validation problems keep their <c>errors</c>). <c>replayed</c> marks a line answered from an earlier import's record.
/// </summary>
public sealed record ImportOutcome(
    int Line, string? Op, string? IdempotencyKey, int Status, JsonNode? Result = null,
    object? Problem = null, bool? Replayed = null)
{
    public static readonly JsonSerializerOptions Json = new(ApiJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonIgnore] public bool Succeeded => Status < 300;

    public static ImportOutcome Ok(ImportLine line, int status, object result) =>
        new(line.Number, line.Operation?.Name, line.IdempotencyKey, status, JsonSerializer.SerializeToNode(result, ApiJson.Options));

    public static ImportOutcome Failed(ImportLine line, ProblemDetails problem) =>
        new(line.Number, line.Operation?.Name, line.IdempotencyKey, problem.Status ?? 400, Problem: problem);
}

/// <summary>The last line of an import's answer; the last three say where the time went (the rest is reading and answering).</summary>
public sealed record ImportSummary(
    int Lines, int Succeeded, int Replayed, int Failed, long Events, long ElapsedMs, long LoadMs, long DecideMs, long CommitMs);

/// <summary>What an import has done so far, batch after batch.</summary>
public sealed class ImportTally
{
    private int lines, succeeded, replayed, failed;
    private long events;
    private ImportTimings timings = ImportTimings.None;

    public int Lines => lines;

    public void Add(BatchResult batch)
    {
        foreach (var outcome in batch.Outcomes)
        {
            lines++;
            if (outcome.Replayed is true) replayed++;
            else if (outcome.Succeeded) succeeded++;
            else failed++;
        }
        (events, timings) = (events + batch.Events, timings.Add(batch.Timings));
    }

    public ImportSummary Summary(TimeSpan elapsed) => new(lines, succeeded, replayed, failed, events,
        (long)elapsed.TotalMilliseconds, (long)timings.Load.TotalMilliseconds, (long)timings.Decide.TotalMilliseconds,
        (long)timings.Commit.TotalMilliseconds);
}

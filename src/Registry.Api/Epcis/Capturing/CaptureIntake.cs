using System.Security.Claims;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using Registry.Api.Auth;
using Registry.Api.Epcis.Hashing;
using Registry.Api.Epcis.Validating;
using SessionOptions = Marten.Services.SessionOptions;

namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// Takes a captured document in: spooled to a temporary file within the size limit, read a batch of events at a time,
/// validated whole before anything is stored (400 with every failing event and pointer), then run at once when it fits
/// in one batch, or kept with its job in PostgreSQL for the workers (<see cref="CaptureWorker"/>), answered 202.
/// </summary>
public sealed class CaptureIntake(
    CaptureSettings settings, EpcisRules rules, CaptureRunner runner, CaptureDocuments documents, CaptureWorker worker,
    IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int MaxReportedErrors = 100;

    public async Task<IResult> AcceptAsync(HttpContext http, ClaimsPrincipal user, CaptureErrorBehaviour behaviour)
    {
        var cancellation = http.RequestAborted;
        if (http.Request.ContentLength > settings.FileSizeLimit) return TooLarge();
        await using var spool = SpooledDocument.Create(http.Request.ContentLength);
        if (!await SpoolAsync(http.Request.Body, spool, cancellation)) return TooLarge();

        var read = await ReadAsync(spool, cancellation);
        if (read.Refusal is { } refusal) return refusal;
        var job = new CaptureJob
        {
            Id = Guid.CreateVersion7(), OrganizationId = user.OrganizationId(), CreatedAt = clock.GetUtcNow(), Running = true,
            Behaviour = behaviour, EventCount = read.EventCount,
        };
        if (read.EventCount <= CaptureRunner.BatchEvents)
            // One batch: run now, in this request; its job is stored with its events (a crash stores neither).
            job = await runner.RunAsync(job, read.Header!, () => SpooledDocument.Events(spool, cancellation), user, cancellation);
        else
            await KeepAsync(job, spool, cancellation);
        return Accepted(job);
    }

    /// <summary>One event (<c>POST /epcis/events</c>), captured as a document of one, at once.</summary>
    public async Task<(CaptureJob? Job, string? EventId, IResult? Refusal)> CaptureOneAsync(
        JsonObject epcisEvent, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var context = epcisEvent["@context"]?.DeepClone();
        var e = epcisEvent.DeepClone().AsObject();
        e.Remove("@context");
        var header = new JsonObject
        {
            ["@context"] = context ?? EpcisContext.Standard,
            ["type"] = "EPCISDocument", ["schemaVersion"] = "2.0", ["creationDate"] = JsonValue.Create(clock.GetUtcNow()),
            ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray() },
        };
        if (Refused(rules.Current.CheckEvent(header, e, 0)) is { } refusal) return (null, null, refusal);
        var job = new CaptureJob
        {
            Id = Guid.CreateVersion7(), OrganizationId = user.OrganizationId(), CreatedAt = clock.GetUtcNow(), Running = true,
            EventCount = 1,
        };
        var eventId = EventVocabulary.Text(e["eventID"]) ?? EventHashes.Of(e, header["@context"]);
        return (await runner.RunAsync(job, header, () => One(e), user, cancellation), eventId, null);
    }

    private sealed record Read(JsonObject? Header, int EventCount, IResult? Refusal);

    /// <summary>The header and every event, checked against the rules; the refusal when the document fails them.</summary>
    private async Task<Read> ReadAsync(Stream spool, CancellationToken cancellation)
    {
        EpcisDocumentHeader header;
        try
        {
            spool.Position = 0;
            header = await EpcisDocumentStream.ReadHeaderAsync(spool, cancellation);
            if (header.EventCount > settings.CaptureLimit) return new(null, 0, TooLarge());
            var errors = new List<EpcisError>();
            var seenHeaderErrors = false;
            await foreach (var (index, e) in SpooledDocument.Events(spool, cancellation))
            {
                foreach (var error in rules.Current.CheckEvent(header.Document, e, index))
                    if (error.Event is not null || !seenHeaderErrors) errors.Add(error);
                seenHeaderErrors = true;
                if (errors.Count >= MaxReportedErrors) break;
            }
            return new(header.Document, header.EventCount, Refused(errors));
        }
        catch (EpcisDocumentFormatException malformed)
        {
            var problem = EpcisProblems.Of(StatusCodes.Status400BadRequest, "ValidationException", malformed.Code, malformed.Message);
            problem.Extensions["errors"] = new[] { new { eventIndex = (int?)null, pointer = malformed.Pointer, message = malformed.Message } };
            return new(null, 0, Results.Problem(problem));
        }
    }

    private static IResult? Refused(IReadOnlyList<EpcisError> errors)
    {
        if (errors.Count == 0) return null;
        var problem = EpcisProblems.Of(StatusCodes.Status400BadRequest, "ValidationException", "epcis-validation-failed",
            $"The document breaks the EPCIS 2.0 rules in {errors.Count} place(s){(errors.Count >= MaxReportedErrors ? " or more" : "")}; nothing was stored.");
        problem.Extensions["errors"] = errors.Select(e => new { eventIndex = e.Event, pointer = e.Pointer, message = e.Message }).ToList();
        return Results.Problem(problem);
    }

    /// <summary>Keeps the document and its job in one transaction, then hands the job to a worker.</summary>
    private async Task KeepAsync(CaptureJob job, Stream spool, CancellationToken cancellation)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(cancellation))
        {
            spool.Position = 0;
            await documents.SaveAsync(transaction, job.Id, spool, cancellation);
            await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
            session.Store(job);
            await session.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }
        worker.Enqueue(job.Id);
    }

    private static async IAsyncEnumerable<(int Index, JsonObject Event)> One(JsonObject e)
    {
        await Task.CompletedTask;
        yield return (0, e);
    }

    private async Task<bool> SpoolAsync(Stream body, Stream spool, CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
        {
            if (spool.Length + read > settings.FileSizeLimit) return false;
            await spool.WriteAsync(buffer.AsMemory(0, read), cancellation);
        }
        await spool.FlushAsync(cancellation);
        return true;
    }

    private IResult TooLarge() => EpcisProblems.Result(StatusCodes.Status413PayloadTooLarge, "CaptureLimitExceededException",
        "capture-limit-exceeded",
        $"A captured document holds at most {settings.CaptureLimit} events and {settings.FileSizeLimit} bytes (OPTIONS /epcis/capture).");

    private static IResult Accepted(CaptureJob job) =>
        Results.Accepted(CaptureJobAnswer.Location(job.Id), CaptureJobAnswer.Of(job));
}

namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// A capture job (GS1 EPCIS 2.0 capture interface): one captured document, its progress and its errors. Kept as a
/// document so that a job accepted before a restart is finished after it: <see cref="NextEvent"/> is committed with
/// the events before it.
/// </summary>
public sealed record CaptureJob
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public bool Running { get; init; }
    public bool? Success { get; init; }
    public CaptureErrorBehaviour Behaviour { get; init; }
    public int EventCount { get; init; }
    /// <summary>Events before this index are done (stored, duplicates or listed errors).</summary>
    public int NextEvent { get; init; }
    public int Stored { get; init; }
    public int Duplicates { get; init; }
    public IReadOnlyList<CaptureError> Errors { get; init; } = [];
    /// <summary>How often a worker began it: a job that fails on every attempt stops instead of looping.</summary>
    public int Attempts { get; init; }

    public CaptureJob Finished(DateTimeOffset at, bool success) => this with { Running = false, Success = success, FinishedAt = at };
}

public enum CaptureErrorBehaviour { Rollback, Proceed }

/// <summary>Why one event was not applied: its index in the document's event list, its eventID when it had one, a
/// stable code, the status its operation's route would answer, and the JSON pointer of the failing value where one is
/// to blame.</summary>
public sealed record CaptureError(int EventIndex, string? EventId, string Code, string Message, string? Pointer = null, int Status = 409);

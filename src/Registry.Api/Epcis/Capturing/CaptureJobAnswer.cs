namespace Registry.Api.Epcis.Capturing;

/// <summary>A capture job as the GS1 capture interface answers it, with the registry's counts beside.</summary>
public sealed record CaptureJobAnswer(
    string CaptureID, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, bool Running, bool? Success,
    string CaptureErrorBehaviour, IReadOnlyList<CaptureErrorAnswer> Errors, int EventCount, int Stored, int Duplicates)
{
    public static CaptureJobAnswer Of(CaptureJob job) => new(
        job.Id.ToString(), job.CreatedAt, job.FinishedAt, job.Running, job.Success, job.Behaviour.ToString().ToLowerInvariant(),
        job.Errors.Select(CaptureErrorAnswer.Of).ToList(), job.EventCount, job.Stored, job.Duplicates);

    public static string Location(Guid id) => $"{CaptureEndpoints.Route}/{id}";
}

/// <param name="Type">GS1's exception type: <c>epcisException:ValidationException</c> for an event the registry refused.</param>
public sealed record CaptureErrorAnswer(string Type, string Code, string Detail, int EventIndex, string? EventID, string? Pointer)
{
    public static CaptureErrorAnswer Of(CaptureError error) =>
        new("epcisException:ValidationException", error.Code, error.Message, error.EventIndex, error.EventId, error.Pointer);
}

using Registry.Domain.Organizations;

namespace Registry.Domain.Transformations;

public sealed record TransformationInput(Guid LotId, decimal MassKg);

public sealed record TransformationOutput(Guid LotId, string LotNumber, decimal MassKg);

/// <summary>A transformation consumed its inputs and produced its outputs; losses = inputs − outputs.</summary>
public sealed record TransformationRecorded(
    Guid TransformationId,
    Guid ActedBy,
    TransformationProcess Process,
    IReadOnlyList<TransformationInput> Inputs,
    IReadOnlyList<TransformationOutput> Outputs,
    decimal InputKg,
    decimal OutputKg,
    decimal LossKg,
    DateTimeOffset OccurredAt) : RecordedEvent;

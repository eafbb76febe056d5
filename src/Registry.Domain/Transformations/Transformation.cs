namespace Registry.Domain.Transformations;

/// <summary>A recorded transformation, as read back (its stream holds one event).</summary>
public sealed record Transformation
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public Guid ActedBy { get; init; }
    public TransformationProcess Process { get; init; }
    public IReadOnlyList<TransformationInput> Inputs { get; init; } = [];
    public IReadOnlyList<TransformationOutput> Outputs { get; init; } = [];
    public decimal InputKg { get; init; }
    public decimal OutputKg { get; init; }
    public decimal LossKg { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    public static Transformation Create(TransformationRecorded e) => new()
    {
        Id = e.TransformationId,
        ActedBy = e.ActedBy,
        Process = e.Process,
        Inputs = e.Inputs,
        Outputs = e.Outputs,
        InputKg = e.InputKg,
        OutputKg = e.OutputKg,
        LossKg = e.LossKg,
        OccurredAt = e.OccurredAt,
    };

    /// <summary>
    /// Lineage edges one transformation may write (inputs × outputs): a 1,000 × 1,000 step would write a million rows
    /// and make every trace through it as large. Wider steps are recorded as two, through an intermediate lot.
    /// </summary>
    public const int MaxFlows = 10_000;

    /// <summary>
    /// Mass of each input credited to each output, in proportion to the outputs' masses: the lineage edges.
    /// </summary>
    public static IEnumerable<(Guid From, Guid To, decimal MassKg)> Flows(TransformationRecorded e) =>
        from input in e.Inputs
        from output in e.Outputs
        select (input.LotId, output.LotId, input.MassKg * output.MassKg / e.OutputKg);
}

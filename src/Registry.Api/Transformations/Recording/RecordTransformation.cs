using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Epcis;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Lots;
using Registry.Api.Operations;
using Registry.Domain.Materials;
using Registry.Domain.Transformations;
using Registry.Domain.Transformations.Recording;
using Wolverine.Http;

namespace Registry.Api.Transformations.Recording;

public sealed record RecordTransformationRequest(
    string? Process, DateTimeOffset? OccurredAt, List<InputLineRequest>? Inputs, List<OutputLineRequest>? Outputs)
    : IRequest<RecordTransformation>
{
    public RecordTransformation ToCommand() => new(
        Enum.Parse<TransformationProcess>(Process!), OccurredAt!.Value,
        Inputs!.Select(i => new InputLine(i.LotId!.Value, i.MassKg!.Value)).ToList(),
        Outputs!.Select(o => new OutputLine(
            o.LotNumber!, Enum.Parse<MaterialCategory>(o.Category!), o.Material!, o.MassKg!.Value, o.Composition,
            o.ProductType, o.Units, LotClasses.Canonical(o.EpcClass))).ToList());
}

public sealed record InputLineRequest(Guid? LotId, decimal? MassKg);

public sealed record OutputLineRequest(
    string? LotNumber,
    string? Category,
    string? Material,
    decimal? MassKg,
    Dictionary<string, decimal>? Composition = null,
    string? ProductType = null,
    int? Units = null,
    string? EpcClass = null) : ILotDescription;

public sealed class RecordTransformationValidator : AbstractValidator<RecordTransformationRequest>
{
    public const int MaxLines = 1000;

    public RecordTransformationValidator()
    {
        RuleFor(x => x.Process).OneOf<RecordTransformationRequest, TransformationProcess>();
        RuleFor(x => x.OccurredAt).Required();
        RuleFor(x => x.Inputs).NotEmpty().WithMessage("At least one input lot is required.")
            .Must(i => i!.Count <= MaxLines).WithMessage($"At most {MaxLines} inputs.");
        RuleForEach(x => x.Inputs).NotNull().WithMessage("An input line is required, not null.");
        RuleForEach(x => x.Outputs).NotNull().WithMessage("An output line is required, not null.");
        RuleForEach(x => x.Inputs).ChildRules(input =>
        {
            input.RuleFor(i => i.LotId).NotNull().WithMessage("lotId is required.");
            input.RuleFor(i => i.MassKg).PositiveMass();
        });
        RuleFor(x => x.Inputs).Custom((inputs, context) =>
            FlagRepeats(inputs?.Select(i => (object?)i?.LotId), "inputs[{0}].lotId",
                "The same lot appears twice among the inputs: consume it in one line.", context));
        RuleFor(x => x.Outputs).NotEmpty().WithMessage("At least one output lot is required.")
            .Must(o => o!.Count <= MaxLines).WithMessage($"At most {MaxLines} outputs.");
        RuleForEach(x => x.Outputs).SetValidator(new LotDescriptionValidator());
        RuleFor(x => x.Outputs)
            .Must((step, outputs) => (long)(step.Inputs?.Count ?? 0) * (outputs?.Count ?? 0) <= Transformation.MaxFlows)
            .WithMessage(step => $"{step.Inputs!.Count} inputs × {step.Outputs!.Count} outputs make more than " +
                                 $"{Transformation.MaxFlows} lineage edges; record the step as two, through an intermediate lot.");
        RuleFor(x => x.Outputs).Custom((outputs, context) =>
            FlagRepeats(outputs?.Select(o => (object?)o?.LotNumber), "outputs[{0}].lotNumber",
                "Two outputs share a lot number.", context));
    }

    /// <summary>Names each line that repeats an earlier line's key.</summary>
    private static void FlagRepeats(
        IEnumerable<object?>? keys, string field, string message, ValidationContext<RecordTransformationRequest> context)
    {
        var seen = new HashSet<object>();
        foreach (var (key, index) in (keys ?? []).Select((k, i) => (k, i)))
            if (key is not null && !seen.Add(key)) context.AddFailure(string.Format(field, index), message);
    }
}

public static class RecordTransformationEndpoint
{
    /// <summary>Consumes every input (each optimistic on its version) and starts the outputs and the step, atomically.</summary>
    public static readonly Operation<RecordTransformationRequest, RecordTransformation> Operation =
        Operation<RecordTransformationRequest, RecordTransformation>.Starting("RecordTransformation", (command, context) =>
            RecordTransformationDecider.Decide(command, context.NewId(), command.Outputs.Select(_ => context.NewId()).ToList(),
                command.Inputs.Select(i => context.Lot(i.LotId)).OfType<Domain.Lots.Lot>().ToDictionary(l => l.Id),
                context.Actor, context.Now)) with
        {
            Lots = command => command.Inputs.Select(i => i.LotId),
            LotNumbers = command => command.Outputs.Select((o, i) => ($"outputs[{i}].lotNumber", o.LotNumber)),
            InputLinesField = "inputs",
            // The step's stream starts at version 1, whatever the lots it consumed and produced.
            Answer = (decision, _, _) =>
            {
                var step = decision.Events.OfType<TransformationRecorded>().Single();
                return new(StatusCodes.Status201Created,
                    new TransformationWritten(step.TransformationId, step.Outputs.Select(o => o.LotId).ToList()), 1,
                    ReadLocations.Transformation(step.TransformationId));
            },
        };

    [WolverinePost("/api/transformations", OperationId = "RecordTransformation"), Tags("Transformations"), Authorize(Roles = Roles.LotWriters)]
    [ProducesResponseType<TransformationWritten>(StatusCodes.Status201Created, "application/json", Description = "The transformation and its output lots, in request order.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, RegistryAnswersPolicy.ProblemJson, Description = "`forbidden-role`, or `not-holder`: an input lot held by another organization.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, RegistryAnswersPolicy.ProblemJson, Description = "`lot-not-found`: an input lot that does not exist or the caller may not see.")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, RegistryAnswersPolicy.ProblemJson, Description = "`lot-number-taken` for an output, a mass balance or rule the step breaks, `concurrent-write`, or `idempotency-key-in-flight`.")]
    public static Task<IResult> Post(
        RecordTransformationRequest request, IDocumentSession session, HttpContext http, TimeProvider clock) =>
        OperationWrites.RunAsync(Operation, request, new(session, http, clock));
}

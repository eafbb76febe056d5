using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Registry.Api.Auth;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Lots;
using Registry.Domain.Transformations;
using Registry.Domain.Transformations.Recording;
using Wolverine.Http;

namespace Registry.Api.Transformations.Recording;

public sealed class RecordTransformationValidator : AbstractValidator<RecordTransformation>
{
    public const int MaxLines = 1000;

    public RecordTransformationValidator()
    {
        RuleFor(x => x.Process).OneOf<RecordTransformation, TransformationProcess>();
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
        IEnumerable<object?>? keys, string field, string message, ValidationContext<RecordTransformation> context)
    {
        var seen = new HashSet<object>();
        foreach (var (key, index) in (keys ?? []).Select((k, i) => (k, i)))
            if (key is not null && !seen.Add(key)) context.AddFailure(string.Format(field, index), message);
    }
}

public sealed record TransformationWritten(Guid TransformationId, IReadOnlyList<Guid> OutputLotIds);

public static class RecordTransformationEndpoint
{
    [WolverinePost("/api/transformations"), Authorize(Roles = Roles.LotWriters)]
    public static async Task<IResult> Post(
        RecordTransformation command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock)
    {
        var inputs = await TransformationWrites.FetchInputsAsync(
            session, command.Inputs!.Select(i => i.LotId!.Value), http.RequestAborted);
        var transformationId = Guid.CreateVersion7();
        var outputIds = command.Outputs!.Select(_ => Guid.CreateVersion7()).ToList();
        var decision = RecordTransformationDecider.Decide(
            command, transformationId, outputIds, inputs.Existing(user.CanSee), user.ToActor(), clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        TransformationWrites.Append(session, inputs, decision.Events);
        return WriteResults.Respond(session, http, StatusCodes.Status201Created,
            new TransformationWritten(transformationId, outputIds), version: 1);
    }
}

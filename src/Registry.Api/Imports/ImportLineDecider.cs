using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Lots;
using Registry.Api.Transformations.Recording;
using Registry.Domain.Lots;
using Registry.Domain.Lots.CollectingWaste;
using Registry.Domain.Lots.Correcting;
using Registry.Domain.Lots.Placing;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Lots.Transferring;
using Registry.Domain.Lots.Treating;
using Registry.Domain.Transformations.Recording;

namespace Registry.Api.Imports;

/// <summary>
/// Decides one import line as its single route would: the same validator, the same pure decider, the same
/// answer; only the lots come from the batch (as the lines before left them) instead of one fetch per request.
/// </summary>
public sealed class ImportLineDecider(IServiceProvider services)
{
    public ImportOutcome Decide(ImportLine line, ImportBatch batch, DateTimeOffset now)
    {
        if (line.Malformed is { } malformed) return ImportOutcome.Failed(line, malformed);
        if (batch.Replay(line) is { } replayed) return replayed;

        var actor = batch.Actor;
        return line.Operation switch
        {
            ImportOperation.RegisterLot => Register(line, batch, now),
            ImportOperation.RecordTransformation => Transform(line, batch, now),
            ImportOperation.TransferLot => OnLot<TransferLot>(line, batch, (command, lot) =>
                TransferLotDecider.Decide(command, lot, actor, batch.Organization(command.ToOrganization!), now)),
            ImportOperation.PlaceLotOnMarket => OnLot<PlaceLotOnMarket>(line, batch, (command, lot) =>
                PlaceLotOnMarketDecider.Decide(command, lot, actor, now)),
            ImportOperation.CollectLotAsWaste => OnLot<CollectLotAsWaste>(line, batch, (command, lot) =>
                CollectLotAsWasteDecider.Decide(command, lot, actor, now)),
            ImportOperation.TreatWaste => OnLot<TreatWaste>(line, batch, (command, lot) =>
                TreatWasteDecider.Decide(command, lot, actor, now)),
            ImportOperation.CorrectLotMass => OnLot<CorrectLotMass>(line, batch, (command, lot) =>
                CorrectLotMassDecider.Decide(command, lot, actor, now)),
            _ => ImportOutcome.Failed(line, Problems.InvalidField("op", $"{line.Operation} is not an import operation.", "validation-failed")),
        };
    }

    private ImportOutcome Register(ImportLine line, ImportBatch batch, DateTimeOffset now)
    {
        if (Read<RegisterLot>(line.Body, out var command) is { } invalid) return ImportOutcome.Failed(line, invalid);
        if (batch.IsLotNumberTaken(command.LotNumber!)) return ImportOutcome.Failed(line, LotNumberTaken());
        var lotId = Guid.CreateVersion7();
        return Accept(line, batch, RegisterLotDecider.Decide(command, lotId, batch.Actor, now),
            StatusCodes.Status201Created, () => new LotWritten(lotId, 1), () => 1);
    }

    /// <summary>Inputs may name their lot as <c>{"lot": {"lotNumber": …}}</c> instead of <c>lotId</c>.</summary>
    private ImportOutcome Transform(ImportLine line, ImportBatch batch, DateTimeOffset now)
    {
        var body = line.Body.DeepClone().AsObject();
        var inputs = body["inputs"] as JsonArray ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not JsonObject input || input["lot"] is not JsonObject reference) continue;
            if (batch.Find(ImportReferences.Reference(reference)) is not { } lot)
                return ImportOutcome.Failed(line, Problems.Of(new Rejection(RejectionKind.NotFound, "lot-not-found",
                    $"inputs[{i}]: no lot {reference.ToJsonString()} is registered.", $"inputs[{i}].lot")));
            input.Remove("lot");
            input["lotId"] = lot.Id;
        }
        if (Read<RecordTransformation>(body, out var command) is { } invalid) return ImportOutcome.Failed(line, invalid);
        if (command.Outputs!.FindIndex(o => batch.IsLotNumberTaken(o.LotNumber!)) is var taken and >= 0)
            return ImportOutcome.Failed(line, LotNumberTaken($"outputs[{taken}].lotNumber"));

        var existing = command.Inputs!.Select(i => batch.Find(new(i.LotId, null, null))).OfType<Lot>().ToDictionary(l => l.Id);
        var transformationId = Guid.CreateVersion7();
        var outputIds = command.Outputs.Select(_ => Guid.CreateVersion7()).ToList();
        return Accept(line, batch,
            RecordTransformationDecider.Decide(command, transformationId, outputIds, existing, batch.Actor, now),
            StatusCodes.Status201Created, () => new TransformationWritten(transformationId, outputIds), () => 1);
    }

    private ImportOutcome OnLot<T>(ImportLine line, ImportBatch batch, Func<T, Lot, Decision> decide)
    {
        if (Read<T>(line.Body, out var command) is { } invalid) return ImportOutcome.Failed(line, invalid);
        if (line.Lot is not { } reference)
            return ImportOutcome.Failed(line, Problems.Validation(new Dictionary<string, string[]>
            {
                ["lot"] = ["lot is required: {\"id\": …} or {\"lotNumber\": …, \"organization\": …}."],
            }));
        if (batch.Find(reference) is not { } lot)
            return ImportOutcome.Failed(line, Problems.Of(StatusCodes.Status404NotFound, "lot-not-found",
                $"No lot {JsonSerializer.Serialize(reference, ApiJson.Options)} is registered."));
        return Accept(line, batch, decide(command, lot), StatusCodes.Status200OK,
            () => new LotWritten(lot.Id, batch.Current(lot.Id).Version), () => batch.Current(lot.Id).Version);
    }

    /// <summary>Records an accepted decision in the batch; <paramref name="result"/> and <paramref name="version"/>
    /// are read after it, from the evolved lots.</summary>
    private static ImportOutcome Accept(
        ImportLine line, ImportBatch batch, Decision decision, int status, Func<object> result, Func<long> version)
    {
        if (decision.Rejection is { } rejection) return ImportOutcome.Failed(line, Problems.Of(rejection));
        batch.Record(decision.Events);
        var outcome = ImportOutcome.Ok(line, status, result());
        batch.Remember(line, outcome, version());
        return outcome;
    }

    /// <summary>Deserializes and validates the body as the single route does; the problem when it is refused.</summary>
    private ProblemDetails? Read<T>(JsonObject body, out T command)
    {
        command = default!;
        try
        {
            command = body.Deserialize<T>(ApiJson.Options)!;
        }
        catch (JsonException json)
        {
            return Problems.Of(RequestShape.Describe(json, typeof(T), "body"));
        }
        var result = services.GetRequiredService<IValidator<T>>().Validate(command);
        return result.IsValid ? null : ValidationExecutor.ToProblem(result);
    }

    private static ProblemDetails LotNumberTaken(string field = "lotNumber")
    {
        var (_, code, detail) = MartenSetup.UniqueKeys[0];
        var problem = Problems.Of(StatusCodes.Status409Conflict, code, detail);
        problem.Extensions["field"] = field;
        return problem;
    }
}

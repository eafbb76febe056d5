using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Domain.Lots;

namespace Registry.Api.Imports;

/// <summary>
/// The import's door onto the catalogue: a line is decided as its single route would decide it, with the same
/// request type, validator, operation and answer; only the lots come from the batch (as the lines before left
/// them) instead of one fetch per request, and lots may be named by number.
/// </summary>
public sealed class ImportLineDecider(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Type, IValidator> validators = new();

    public async Task<ImportOutcome> DecideAsync(ImportLine line, ImportBatch batch, DateTimeOffset now, CancellationToken cancellation)
    {
        if (line.Malformed is { } malformed) return ImportOutcome.Failed(line, malformed);
        // A line without a key is a captured EPCIS event's: its Event Hash ID, stored with it, keeps it idempotent.
        if (line.IdempotencyKey is not null && batch.Replay(line) is { } replayed) return replayed;
        var operation = line.Operation!;

        var read = line.Read ?? ReadInBatch(operation, line.Body, batch);
        if (read.Refused is { } refused) return ImportOutcome.Failed(line, refused);
        var command = read.Command!;
        await batch.LoadNamedAsync(operation, command, cancellation);

        Lot? target = null;
        if (operation.OnLot)
        {
            if (line.Lot is not { } reference)
                return ImportOutcome.Failed(line, Problems.Validation(new Dictionary<string, string[]>
                {
                    ["lot"] = ["lot is required: {\"id\": …} or {\"lotNumber\": …, \"organization\": …}."],
                }));
            target = batch.Find(reference);
            if (target is null)
                return ImportOutcome.Failed(line, Problems.Of(StatusCodes.Status404NotFound, "lot-not-found",
                    $"No lot {JsonSerializer.Serialize(reference, ApiJson.Options)} is registered."));
        }
        foreach (var (field, number) in operation.LotNumbersTaken(command))
            if (batch.IsLotNumberTaken(number)) return ImportOutcome.Failed(line, LotNumberTaken(field));

        var context = new OperationContext(batch.Actor, now, id => batch.Find(new(id, null, null)), batch.Organization);
        var decision = operation.Decide(command, target, context);
        if (decision.Rejection is { } rejection) return ImportOutcome.Failed(line, Problems.Of(rejection));

        var answer = operation.AnswerTo(decision, target, target?.Version ?? 0);
        batch.Record(decision.Events, now);
        var outcome = ImportOutcome.Ok(line, answer.Status, answer.Body);
        if (line.IdempotencyKey is not null) batch.Remember(line, outcome, answer.Version);
        return outcome;
    }

    /// <summary>
    /// Reads a line's request and maps it to its command ahead of its batch, which needs no other line: the endpoint
    /// does it while the batch before commits. A line naming input lots by reference is left to its batch, which
    /// alone knows them.
    /// </summary>
    public ImportLine ReadAhead(ImportLine line) =>
        line is { Malformed: null, Operation: { } operation } && !NamesInputLots(line.Body, operation.InputLinesField)
            ? line with { Read = ReadCommand(operation, line.Body) }
            : line;

    /// <summary>A line not read ahead: its input lots resolved against the batch first.</summary>
    private LineCommand ReadInBatch(IOperation operation, JsonObject line, ImportBatch batch) =>
        ResolveInputs(line, operation.InputLinesField, batch, out var body) is { } unknownInput
            ? new(null, unknownInput)
            : ReadCommand(operation, body);

    private LineCommand ReadCommand(IOperation operation, JsonObject body) =>
        Read(operation.RequestType, body, out var request) is { } invalid
            ? new(null, invalid)
            : new(operation.ToCommand(request), null);

    private static bool NamesInputLots(JsonObject line, string? field) =>
        field is not null && line[field] is JsonArray lines && lines.Any(i => i is JsonObject { } o && o["lot"] is JsonObject);

    /// <summary>Input lines may name their lot as <c>{"lot": {"lotNumber": …}}</c> instead of <c>lotId</c>.</summary>
    private static ProblemDetails? ResolveInputs(JsonObject line, string? field, ImportBatch batch, out JsonObject body)
    {
        body = line;
        if (!NamesInputLots(line, field)) return null;
        body = line.DeepClone().AsObject();
        var inputs = body[field!]!.AsArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not JsonObject input || input["lot"] is not JsonObject reference) continue;
            if (batch.Find(ImportReferences.Reference(reference)) is not { } lot)
                return Problems.Of(new Rejection(RejectionKind.NotFound, "lot-not-found",
                    $"{field}[{i}]: no lot {reference.ToJsonString()} is registered.", $"{field}[{i}].lot"));
            input.Remove("lot");
            input["lotId"] = lot.Id;
        }
        return null;
    }

    /// <summary>Deserializes and validates the body as the single route does; the problem when it is refused.</summary>
    private ProblemDetails? Read(Type type, JsonObject body, out object request)
    {
        request = default!;
        try
        {
            request = body.Deserialize(type, ApiJson.Options)!;
        }
        catch (JsonException json)
        {
            return Problems.Of(RequestShape.Describe(json, type, "body"));
        }
        var validator = validators.GetOrAdd(type, t => (IValidator)services.GetRequiredService(typeof(IValidator<>).MakeGenericType(t)));
        var result = validator.Validate(new ValidationContext<object>(request));
        return result.IsValid ? null : ValidationExecutor.ToProblem(result);
    }

    private static ProblemDetails LotNumberTaken(string field)
    {
        var (_, code, detail) = MartenSetup.UniqueKeys[0];
        var problem = Problems.Of(StatusCodes.Status409Conflict, code, detail);
        problem.Extensions["field"] = field;
        return problem;
    }
}

/// <summary>A line's request read, validated and mapped to its command, or why it was refused.</summary>
public sealed record LineCommand(object? Command, ProblemDetails? Refused);

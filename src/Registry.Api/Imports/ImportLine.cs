using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Idempotency;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;

namespace Registry.Api.Imports;

/// <summary>
/// A lot named by id, or by lot number and owning organization (the importer's own when omitted): an ERP knows its
/// lot numbers, and a later line can name a lot an earlier line of the same file registered.
/// </summary>
public sealed record LotReference(Guid? Id, string? LotNumber, string? Organization);

/// <summary>
/// A line as written: <c>{"op": "TransferLot", "idempotencyKey": "…", "lot": {"lotNumber": "…"}, "body": {…}}</c>,
/// where body is the single route's request body.
/// </summary>
public sealed record ImportLineContent(string? Op, string? IdempotencyKey, LotReference? Lot, JsonObject? Body);

/// <summary>A parsed line, or why it could not be parsed. The fingerprint tells a retry from a reused key.</summary>
public sealed record ImportLine(
    int Number, IOperation? Operation, string? IdempotencyKey, LotReference? Lot, JsonObject Body,
    string Fingerprint, ProblemDetails? Malformed)
{
    /// <summary>The command, when read ahead of the line's batch (<see cref="ImportLineDecider.ReadAhead"/>).</summary>
    public LineCommand? Read { get; init; }

    public static ImportLine Parse(RawLine raw)
    {
        if (raw.Bytes is null)
            return Refused(raw.Number, null, Problems.Of(StatusCodes.Status413PayloadTooLarge, "line-too-long",
                $"An import line is limited to {ImportEndpoint.MaxLineBytes} bytes."));
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. "import\n"u8, .. raw.Bytes]));
        if (JsonText.Check(raw.Bytes) is { } refused) return Refused(raw.Number, null, Problems.Of(refused));
        ImportLineContent? content;
        try
        {
            content = JsonSerializer.Deserialize<ImportLineContent>(raw.Bytes, ApiJson.Options);
        }
        catch (JsonException json)
        {
            return Refused(raw.Number, null, Problems.Of(RequestShape.Describe(json, typeof(ImportLineContent))));
        }

        var key = content?.IdempotencyKey;
        // Exactly one operation's name, as the catalogue spells it.
        if (OperationCatalogue.Find(content?.Op) is not { } operation)
            return Refused(raw.Number, key, Field("op", $"op must be one of {string.Join(", ", OperationCatalogue.Names)}."));
        if (string.IsNullOrWhiteSpace(key))
            return Refused(raw.Number, key, Field("idempotencyKey",
                "idempotencyKey is required: it makes re-importing the same file safe."), operation);
        if (IdempotencyMiddleware.Refuse(key) is { } reason)
            return Refused(raw.Number, key, Field("idempotencyKey", reason.Replace(IdempotencyMiddleware.Header, "idempotencyKey")), operation);
        if (content!.Body is null)
            return Refused(raw.Number, key, Field("body", "body is required: the command, as its single route takes it."),
                operation);
        return new(raw.Number, operation, key, content.Lot, content.Body, fingerprint, null);
    }

    private static ImportLine Refused(int number, string? key, ProblemDetails problem, IOperation? operation = null) =>
        new(number, operation, key, null, [], "", problem);

    private static ProblemDetails Field(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });
}

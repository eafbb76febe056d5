using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Lots;

namespace Registry.Api.Infrastructure;

/// <summary>RFC 9457 problem details with a stable <c>code</c> (also the last segment of <c>type</c>).</summary>
public static class Problems
{
    private const string TypePrefix = "urn:circular-registry:problem:";

    public static ProblemDetails Of(int status, string code, string detail, string? title = null) => new()
    {
        Status = status,
        Type = TypePrefix + code,
        Title = title ?? ReasonPhrase(status),
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    public static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Type = TypePrefix + "validation-failed",
        Title = "One or more fields are invalid.",
        Extensions = { ["code"] = "validation-failed" },
    };

    /// <summary>A refused JSON text: malformed, or a field holding text the registry does not store.</summary>
    public static ProblemDetails Of(Validation.JsonTextProblem problem) => problem.Malformed
        ? Of(StatusCodes.Status400BadRequest, "malformed-json", problem.Message)
        : InvalidField(problem.Field, problem.Message, problem.Code);

    public static ProblemDetails InvalidField(string field, string message, string code) =>
        WithCode(Validation(new Dictionary<string, string[]> { [field] = [message] }), code);

    public static ProblemDetails NotJson() => Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
        "Request bodies are JSON: send Content-Type: application/json.");

    /// <summary>PostgreSQL cannot be reached: every door says so in these words (REST 503, GraphQL's error).</summary>
    public const string DatabaseUnavailableDetail = "The registry's database cannot be reached just now; retry shortly.";

    public static IResult Result(ProblemDetails problem) => Results.Problem(problem);

    public static IResult LotNotFound(Guid lotId) =>
        Result(Of(StatusCodes.Status404NotFound, "lot-not-found", $"No lot {lotId} is registered."));

    public static IResult From(Rejection rejection) => Result(Of(rejection));

    public static ProblemDetails Of(Rejection rejection) => rejection.Kind switch
    {
        RejectionKind.InvalidField => InvalidField(rejection.Field ?? "body", rejection.Detail, rejection.Code),
        RejectionKind.Forbidden => Of(StatusCodes.Status403Forbidden, rejection.Code, rejection.Detail),
        RejectionKind.NotFound => Of(StatusCodes.Status404NotFound, rejection.Code, rejection.Detail),
        _ => Of(StatusCodes.Status409Conflict, rejection.Code, rejection.Detail),
    };

    /// <summary>For middleware that answers before any endpoint runs.</summary>
    public static Task Write(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        // By its runtime type: a validation problem keeps its errors.
        return http.Response.WriteAsJsonAsync(problem, problem.GetType(), (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json");
    }

    private static ProblemDetails WithCode(ProblemDetails problem, string code)
    {
        problem.Extensions["code"] = code;
        return problem;
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

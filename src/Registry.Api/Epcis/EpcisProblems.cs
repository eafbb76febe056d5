using Microsoft.AspNetCore.Mvc;
using Registry.Api.Epcis.Querying;
using Registry.Api.Infrastructure;

namespace Registry.Api.Epcis;

/// <summary>Problem details of the EPCIS door: GS1's exception type as <c>type</c> (epcis.md), the registry's stable
/// <c>code</c> beside it.</summary>
public static class EpcisProblems
{
    public const string QueryParameterCode = "epcis-query-parameter";
    public const string NoSuchEventCode = "epcis-no-such-event";
    public const string QueryTooComplexCode = "epcis-query-too-complex";

    public static ProblemDetails Of(int status, string exception, string code, string detail, string? field = null)
    {
        var problem = Problems.Of(status, code, detail);
        problem.Type = "epcisException:" + exception;
        if (field is not null) problem.Extensions["field"] = field;
        return problem;
    }

    public static IResult Result(int status, string exception, string code, string detail) =>
        Problems.Result(Of(status, exception, code, detail));

    public static ProblemDetails QueryParameter(QueryParameterProblem problem) =>
        Of(StatusCodes.Status400BadRequest, "QueryParameterException", QueryParameterCode, problem.Message, problem.Field);

    /// <summary>One answer, byte for byte, for every event not found: one that does not exist and one the caller may
    /// not see alike (the id asked for is not echoed, so no two answers differ).</summary>
    public static ProblemDetails NoSuchEvent() =>
        Of(StatusCodes.Status404NotFound, "NoSuchResourceException", NoSuchEventCode,
            "No event with this eventID or Event Hash ID is found among the events you may read.");

    public static ProblemDetails QueryTooComplex() =>
        Of(StatusCodes.Status413RequestEntityTooLarge, "QueryTooComplexException", QueryTooComplexCode,
            $"The query ran longer than {EpcisEventQueries.StatementTimeout.TotalSeconds:0} seconds: narrow it (a time window, " +
            "an eventType, an EPC or class) or ask for fewer events per page.");
}

using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;

namespace Registry.Api.Epcis;

/// <summary>Problem details of the EPCIS door: GS1's exception type as <c>type</c>, the registry's stable <c>code</c>
/// beside it.</summary>
public static class EpcisProblems
{
    public static ProblemDetails Of(int status, string exception, string code, string detail)
    {
        var problem = Problems.Of(status, code, detail);
        problem.Type = "epcisException:" + exception;
        return problem;
    }

    public static IResult Result(int status, string exception, string code, string detail) =>
        Problems.Result(Of(status, exception, code, detail));
}

using FluentValidation;
using FluentValidation.Results;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Registry.Api.Infrastructure.Validation;

/// <summary>
/// Runs the request body's FluentValidation validator before every Wolverine endpoint that has one, and answers
/// 400 with the failing fields. Stands in for WolverineFx.Http.FluentValidation, absent from our package
/// source (docs/adr/0002-package-substitutions.md).
/// </summary>
public sealed class FluentValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType))
        {
            var validatorType = typeof(IValidator<>).MakeGenericType(chain.RequestType!);
            if (!container.HasRegistrationFor(validatorType)) continue;

            var method = typeof(ValidationExecutor).GetMethod(nameof(ValidationExecutor.ValidateAsync))!
                .MakeGenericMethod(chain.RequestType!);
            var call = new MethodCall(typeof(ValidationExecutor), method);
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }
}

public static class ValidationExecutor
{
    public static async Task<IResult> ValidateAsync<T>(IValidator<T> validator, T? command)
    {
        if (command is null)
            return Problems.Result(Problems.Validation(
                new Dictionary<string, string[]> { ["body"] = ["A JSON object is required."] }));
        var result = await validator.ValidateAsync(command);
        return result.IsValid ? WolverineContinue.Result() : Problems.Result(ToProblem(result));
    }

    public static HttpValidationProblemDetails ToProblem(ValidationResult result) => Problems.Validation(result.Errors
        .GroupBy(e => CamelCase(e.PropertyName))
        .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    /// <summary>"Provenance[Dy].Shares" → "provenance[Dy].shares", matching the JSON field names.</summary>
    private static string CamelCase(string path) => string.Join('.', path.Split('.').Select(segment =>
        segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}

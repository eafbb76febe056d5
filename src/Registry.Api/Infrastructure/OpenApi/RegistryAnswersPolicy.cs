using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Epcis.Capturing;
using Registry.Api.Imports;
using Wolverine.Http;

namespace Registry.Api.Infrastructure.OpenApi;

/// <summary>
/// Declares, as endpoint metadata for the OpenAPI document, the problem answers that the middleware gives a route
/// before or around its endpoint (authentication, the body gate, idempotency, the lot checks of OperationWrites, the
/// error handler), unless the endpoint declares that status itself. Each endpoint declares its own success answers
/// and the refusals particular to it with <see cref="ProducesResponseTypeAttribute"/>.
/// </summary>
public sealed class RegistryAnswersPolicy : IHttpPolicy
{
    public const string ProblemJson = "application/problem+json";

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var route = chain.RoutePattern?.RawText ?? "";
            if (!route.StartsWith("/api/", StringComparison.Ordinal) && !route.StartsWith("/epcis/", StringComparison.Ordinal)) continue;
            var method = chain.Method.Method;
            var declared = chain.Method.Method.GetCustomAttributes(true).OfType<IProducesResponseTypeMetadata>()
                .Select(p => p.StatusCode).ToHashSet();
            var answers = new List<ProducesResponseTypeAttribute>();
            void Add(int status, string description, Type? type = null)
            {
                if (declared.Add(status))
                    answers.Add(new ProducesResponseTypeAttribute(type ?? typeof(ProblemDetails), status, ProblemJson) { Description = description });
            }

            var post = chain.HttpMethods.Contains("POST");
            var authorize = method.GetCustomAttributes(true).OfType<IAuthorizeData>().ToList();
            var anonymous = method.GetCustomAttributes(true).OfType<IAllowAnonymous>().Any();
            var gated = post && !route.StartsWith(ImportEndpoint.Route, StringComparison.Ordinal) &&
                !route.StartsWith(CaptureEndpoints.Route, StringComparison.Ordinal);
            var idempotent = gated && route.StartsWith("/api/", StringComparison.Ordinal);

            if (gated && chain.RequestType is not null)
                Add(StatusCodes.Status400BadRequest,
                    "`validation-failed` (or the field's own code): fields refused, by name in `errors`; `malformed-json`; " +
                    "`invalid-idempotency-key`.", typeof(HttpValidationProblemDetails));
            if (!anonymous && authorize.Count > 0)
            {
                Add(StatusCodes.Status401Unauthorized, "`unauthenticated`: no API key, or one the registry does not know.");
                if (authorize.Any(a => a.Roles is not null)) Add(StatusCodes.Status403Forbidden, "`forbidden-role`: the key's role may not call this route.");
            }
            if (chain.RoutePattern!.Parameters.Any(p => p.Name == "lotId"))
            {
                Add(StatusCodes.Status403Forbidden, "`not-holder`: only the lot's current holder may act on it.");
                Add(StatusCodes.Status404NotFound, "`lot-not-found`: no such lot, or one the caller may not see.");
                Add(StatusCodes.Status412PreconditionFailed, "`stale-version`: the lot is not at the version If-Match names.");
            }
            if (idempotent)
            {
                Add(StatusCodes.Status409Conflict, "`idempotency-key-in-flight`: a request with this Idempotency-Key is still running; " +
                    "`concurrent-write`: another write changed what this one read.");
                Add(StatusCodes.Status422UnprocessableEntity, "`idempotency-key-reused`: the Idempotency-Key came with another request.");
            }
            if (gated)
            {
                Add(StatusCodes.Status413PayloadTooLarge, $"`body-too-large`: request bodies are at most {RequestBodyGate.MaxBytes} bytes.");
                Add(StatusCodes.Status415UnsupportedMediaType, "`unsupported-media-type`: request bodies are application/json.");
            }
            if (!anonymous && authorize.Count > 0 && post)
                Add(StatusCodes.Status429TooManyRequests, "`too-many-failed-authentications`, or the organization's write limit.");
            Add(StatusCodes.Status503ServiceUnavailable, "`database-unavailable`: retry after Retry-After seconds.");

            foreach (var answer in answers) chain.Metadata.WithMetadata(answer);
        }
    }
}

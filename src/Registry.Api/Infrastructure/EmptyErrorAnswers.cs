using Microsoft.AspNetCore.Diagnostics;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Error answers that the framework gives without a body (no such route, a method the route does not take, a
/// body type an endpoint does not read) get a problem with a code like every other refusal.
/// </summary>
public static class EmptyErrorAnswers
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var (code, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("route-not-found", "No route answers this path; see the README for the routes."),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "This route does not take this HTTP method."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "Request bodies are JSON: send Content-Type: application/json."),
            _ => ("http-" + status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)),
        };
        return Problems.Write(context.HttpContext, Problems.Of(status, code, detail));
    }
}

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
        return Problems.Write(context.HttpContext, status switch
        {
            StatusCodes.Status404NotFound => Problems.Of(status, "route-not-found", "No route answers this path; see the README for the routes."),
            StatusCodes.Status405MethodNotAllowed => Problems.Of(status, "method-not-allowed", "This route does not take this HTTP method."),
            StatusCodes.Status415UnsupportedMediaType => Problems.NotJson(),
            _ => Problems.Of(status, "http-" + status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)),
        });
    }
}

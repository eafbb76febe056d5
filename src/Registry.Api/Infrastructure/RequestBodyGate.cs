using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Registry.Api.Epcis.Capturing;
using Registry.Api.Imports;
using Registry.Api.Infrastructure.Validation;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Reads an authorized request's body into memory up to a limit (413 past it) and refuses a JSON body that is
/// malformed or holds text the registry never stores (<see cref="JsonText"/>), before any endpoint or the idempotency
/// fingerprint sees it. It runs after authorization, so an unauthenticated client never gets a body read.
/// </summary>
public sealed class RequestBodyGate(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        if (ImportEndpoint.Handles(http.Request) || CaptureEndpoints.StreamsBody(http.Request) || !HttpMethods.IsPost(http.Request.Method))
        {
            // An import streams its body line by line, each line checked and limited (ImportEndpoint); a captured
            // document streams to a spool file under the capture limits (CaptureIntake).
            await next(http);
            return;
        }
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // Routes open to anonymous callers read at most the limit themselves.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
            await next(http);
            return;
        }
        if (http.Request.ContentLength > MaxBytes || await ReadAsync(http.Request) is not { } body)
        {
            await Problems.Write(http, Problems.Of(StatusCodes.Status413PayloadTooLarge, "body-too-large",
                $"Request bodies are limited to {MaxBytes} bytes."));
            return;
        }
        if (body.Length > 0 && !IsJson(http.Request.ContentType))
        {
            await Problems.Write(http, Problems.NotJson());
            return;
        }
        var json = body.GetBuffer().AsSpan(0, (int)body.Length);
        if (body.Length > 0 && (JsonText.Check(json) ?? ShapeOf(http, json)) is { } refused)
        {
            await Problems.Write(http, Problems.Of(refused));
            return;
        }
        http.Request.Body = body;
        await next(http);
    }

    /// <summary>The body read as the endpoint's request type, so a wrong one is refused in the registry's terms.</summary>
    private static JsonTextProblem? ShapeOf(HttpContext http, ReadOnlySpan<byte> json) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type && type != typeof(object)
            ? RequestShape.Check(json, type)
            : null;

    /// <summary>The whole body, seekable (idempotency fingerprints it), or null past the limit.</summary>
    private static async Task<MemoryStream?> ReadAsync(HttpRequest request)
    {
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBytes) return null;
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        return body;
    }

    /// <summary>application/json or a JSON-based type (application/ld+json, application/problem+json…).</summary>
    internal static bool IsJson(string? contentType) =>
        contentType?.Split(';')[0].Trim() is { } mediaType &&
        (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}

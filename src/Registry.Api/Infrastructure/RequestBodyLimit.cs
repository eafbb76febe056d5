using Registry.Api.Imports;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Buffers each request body up to a limit, answering 413 past it, so that later middleware (idempotency)
/// can read it and Kestrel's or TestServer's own limits do not matter.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        if (ImportEndpoint.Handles(http.Request))
        {
            await next(http); // streamed line by line, each line limited (ImportEndpoint)
            return;
        }
        if (http.Request.ContentLength > MaxBytes || !await FitsAsync(http.Request))
        {
            await Problems.Write(http, Problems.Of(StatusCodes.Status413PayloadTooLarge, "body-too-large",
                $"Request bodies are limited to {MaxBytes} bytes."));
            return;
        }
        await next(http);
    }

    private static async Task<bool> FitsAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method)) return true;
        // Every POST body becomes seekable, even an empty one: idempotency fingerprints it.
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBytes + 1);
        if (request.ContentLength is 0) return true;
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
                if ((total += read) > MaxBytes) return false;
        }
        catch (IOException) when (total + buffer.Length > MaxBytes)
        {
            return false; // the buffering stream refuses past its limit
        }
        request.Body.Position = 0;
        return true;
    }
}

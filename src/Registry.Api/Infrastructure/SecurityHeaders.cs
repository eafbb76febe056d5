namespace Registry.Api.Infrastructure;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer, never framed, and never cached: answers carry
/// companies' data and, on key routes, keys (Kestrel's Server header is off, Program).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(http);
    }
}

namespace Registry.Api.Infrastructure;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer, never framed, and never cached: answers carry
/// companies' data and, on key routes, keys (Kestrel's Server header is off, Program). Scalar's reference page
/// (<c>/scalar</c>) runs its own inline start-up script and styles: its policy lets them run and load nothing from
/// another host (its bundle names some, for fonts, a proxy and telemetry, which RegistryOpenApi turns off). Our own
/// pages (Web.WebPages) run bundled scripts only.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(OpenApi.RegistryOpenApi.ReferenceRoute)
                ? ReferencePagePolicy
                : http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    ? Web.WebPages.PagePolicy
                    : "frame-ancestors 'none'";
            if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(http);
    }
}

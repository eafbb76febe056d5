namespace Registry.Api.Epcis;

/// <summary>
/// Every answer under <c>/epcis</c> (events, capture jobs, errors, 401s and unknown routes alike) names the EPCIS and
/// CBV versions the repository speaks (epcis.md).
/// </summary>
public sealed class EpcisHeaders(RequestDelegate next)
{
    public const string BasePath = "/epcis";
    public const string EpcisVersion = "2.0.0";
    public const string CbvVersion = "2.0.0";

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments(BasePath))
            http.Response.OnStarting(() =>
            {
                http.Response.Headers["GS1-EPCIS-Version"] = EpcisVersion;
                http.Response.Headers["GS1-CBV-Version"] = CbvVersion;
                return Task.CompletedTask;
            });
        return next(http);
    }
}

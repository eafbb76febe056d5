using Registry.Api.Infrastructure;

namespace Registry.Api.Web;

/// <summary>
/// The pages a browser opens: the dashboard at <c>/</c> (built from src/Registry.Dashboard into the web root) and
/// its bundled assets (GraphiQL's page too, which GraphiQLPage serves at <c>GET /graphql</c>), plus the addresses
/// people try first (<c>/dashboard</c>, <c>/swagger</c>, <c>/graphiql</c>) sent where the page is. Pages load nothing
/// from another host and run no workers; their policy says so to the browser.
/// </summary>
public static class WebPages
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Addresses a new user types, and the page each means.</summary>
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["/dashboard"] = "/", ["/graphiql"] = "/graphql", ["/swagger"] = "/scalar",
        ["/swagger/index.html"] = "/scalar", ["/docs"] = "/scalar", ["/openapi"] = "/openapi/v1.json",
    };

    public static WebApplication UseWebPages(this WebApplication app)
    {
        // Bundled files carry their content hash in their names: a browser may keep them for good.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                if (file.Context.Request.Path.StartsWithSegments("/assets"))
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        return app;
    }

    public static void MapWebPages(this WebApplication app)
    {
        app.MapGet("/", (IWebHostEnvironment environment) => Page(environment, "index.html"))
            .ExcludeFromDescription();
        foreach (var (alias, target) in Aliases)
            app.MapGet(alias, () => Results.Redirect(target)).ExcludeFromDescription();
    }

    /// <summary>A built page (SecurityHeaders gives it the pages' policy); 503 with the way to build it when the web root lacks it.</summary>
    public static IResult Page(IWebHostEnvironment environment, string fileName)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(fileName);
        if (!file.Exists)
            return Problems.Result(Problems.Of(StatusCodes.Status503ServiceUnavailable, "web-pages-not-built",
                "The web pages are not built: run ./run.sh, or npm ci && npm run build in src/Registry.Dashboard."));
        return Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8");
    }
}

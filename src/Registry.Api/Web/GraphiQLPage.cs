using Microsoft.Net.Http.Headers;

namespace Registry.Api.Web;

/// <summary>
/// GraphiQL (src/Registry.Dashboard/graphiql.html) at <c>GET /graphql</c> for a browser, that is a request whose
/// Accept prefers HTML; every other GET keeps reaching the GraphQL endpoint. A middleware, ahead of authentication:
/// the page itself is public (it sends the tab's key with each query), and routing cannot choose between two
/// endpoints by Accept.
/// </summary>
public static class GraphiQLPage
{
    public static WebApplication UseGraphiQLPage(this WebApplication app)
    {
        app.Use((http, next) =>
            HttpMethods.IsGet(http.Request.Method) && http.Request.Path == "/graphql" && PrefersHtml(http.Request)
                ? WebPages.Page(http.RequestServices.GetRequiredService<IWebHostEnvironment>(), "graphiql.html").ExecuteAsync(http)
                : next(http));
        return app;
    }

    /// <summary>text/html ranks highest (as in a browser's Accept), above any JSON type the request names.</summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double Quality(string type) =>
            accepted.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var html = Quality("text/html");
        return html > 0 && html > Quality("application/json") && html > Quality(GraphQL.GraphQLSetup.ResponseContentType);
    }
}

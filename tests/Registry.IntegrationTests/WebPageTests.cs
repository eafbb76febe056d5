using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Registry.IntegrationTests;

/// <summary>The web pages as HTTP sees them: served by the registry, with a policy that loads nothing from elsewhere.</summary>
[Collection(RegistryCollection.Name)]
public sealed partial class WebPageTests(RegistryApp app)
{
    [Fact]
    public async Task The_dashboard_is_served_at_the_root_with_its_bundle_from_this_host_only()
    {
        var http = app.Client(null).Http;
        var page = await http.GetAsync("/");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("connect-src 'self'", policy);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("(src|href)=\"https?://", html);

        var script = AssetPath().Match(html).Value;
        var asset = await http.GetAsync(script);
        Assert.Equal(200, (int)asset.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/dashboard", "/")]
    [InlineData("/graphiql", "/graphql")]
    [InlineData("/swagger", "/scalar")]
    public async Task The_addresses_people_try_lead_to_the_page(string tried, string page)
    {
        var answer = await app.Client(null).Http.GetAsync(tried);

        Assert.Equal(302, (int)answer.StatusCode);
        Assert.Equal(page, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_browser_opening_graphql_gets_GraphiQL_and_a_query_by_GET_still_gets_JSON()
    {
        var browser = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var page = await app.Client(null).Http.SendAsync(browser);

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Registry.Api.Web.WebPages.PagePolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"graphiql\"", html);
        Assert.DoesNotMatch("(src|href)=\"https?://", html);

        var member = await app.NewOrganizationAsync("Manufacturer");
        var query = await member.Api.Http.GetAsync("/graphql?query={__typename}");
        Assert.Equal(200, (int)query.StatusCode);
        Assert.Equal("application/graphql-response+json", query.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Query", (await query.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["__typename"]!.GetValue<string>());
    }

    [GeneratedRegex("/assets/[^\"]+\\.js")]
    private static partial Regex AssetPath();
}

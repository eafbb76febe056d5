using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Operations;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Registry.IntegrationTests;

/// <summary>
/// The registry's published contract: the OpenAPI 3.1 document of its REST and EPCIS capture routes and the GraphQL
/// schema, each committed under docs/ and compared with what the running registry serves. After a deliberate change,
/// regenerate both with <c>REGISTRY_WRITE_CONTRACTS=1 ./test.sh --filter FullyQualifiedName~Contract</c>.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed partial class ContractTests(RegistryApp app)
{
    public const string WriteSetting = "REGISTRY_WRITE_CONTRACTS";
    private const string Regenerate = $"regenerate with {WriteSetting}=1 ./test.sh --filter FullyQualifiedName~Contract and commit the file";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_openapi_document_is_3_1_and_served_without_a_key()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.1.", document["openapi"]!.GetValue<string>());
        // Read back and checked against the specification's rules by Microsoft.OpenApi.
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(document.ToJsonString(), "json");
        Assert.True(read.Diagnostic!.Errors.Count == 0, string.Join("\n", read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var errors = read.Document!.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Empty(document["servers"]?.AsArray() ?? []);
        var scheme = document["components"]!["securitySchemes"]![Api.Infrastructure.OpenApi.RegistryOpenApi.SecuritySchemeName]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_write_route_with_its_request_and_answers()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var routes = WriteRoutes().ToList();
        Assert.NotEmpty(routes);
        // Every operation of the catalogue has its REST route among them.
        foreach (var operation in OperationCatalogue.All)
            Assert.Contains(routes, r => r.RequestType == operation.RequestType);

        foreach (var (method, template, requestType) in routes)
        {
            var operation = paths[template]?[method.ToLowerInvariant()]?.AsObject();
            Assert.True(operation is not null, $"{method} {template} is missing from /openapi/v1.json");
            var answers = operation!["responses"]!.AsObject();
            Assert.True(answers.Any(a => a.Key is "200" or "201" or "202"), $"{method} {template} has no success answer");
            Assert.True(operation["security"] is JsonArray { Count: > 0 }, $"{method} {template} does not ask for the API key");
            foreach (var status in new[] { "401", "403" })
                Assert.True(answers[status]?["content"]?["application/problem+json"] is not null,
                    $"{method} {template} has no problem+json {status}");
            if (requestType is null) continue;
            var content = operation["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.True(content is not null, $"{method} {template} has no JSON request body schema");
            Assert.Equal($"#/components/schemas/{requestType.Name}", content!["$ref"]?.GetValue<string>());
            Assert.True(answers["400"]?["content"]?["application/problem+json"] is not null, $"{method} {template} has no problem+json 400");
        }
        // An operation on a lot answers 404 for a lot it cannot see and 412 for a stale If-Match.
        foreach (var (method, template, _) in routes.Where(r => r.Template.Contains("{lotId}")))
            foreach (var status in new[] { "404", "409", "412" })
                Assert.True(paths[template]![method.ToLowerInvariant()]!["responses"]![status] is not null, $"{method} {template} has no {status}");
    }

    [Fact]
    public async Task The_committed_openapi_document_is_the_one_served()
    {
        var served = (await DocumentAsync()).ToJsonString(Indented) + "\n";
        await CompareOrWriteAsync(Path.Combine("docs", "openapi", "v1.json"), served);
    }

    [Fact]
    public async Task The_committed_graphql_schema_is_the_one_served()
    {
        var schema = app.Services.GetRequiredService<ISchema>();
        var sdl = schema.Print().ReplaceLineEndings("\n").TrimEnd() + "\n";
        await CompareOrWriteAsync(Path.Combine("docs", "schema.graphql"), sdl);
    }

    [Fact]
    public async Task Scalar_serves_the_reference_page_from_this_host_alone()
    {
        // Scalar's page lives under /scalar/, so that its relative script paths resolve there.
        var redirect = await app.Client(null).Http.GetAsync("/scalar");
        Assert.Equal(302, (int)redirect.StatusCode);
        Assert.Equal("scalar/", redirect.Headers.Location?.OriginalString);

        var response = await app.Client(null).Http.GetAsync("/scalar/");
        await Expect.StatusAsync(response, 200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        Assert.Empty(ExternalUrls(html));
        Assert.Contains("\"withDefaultFonts\":false", html);
        // The browser loads nothing from another host: the page's policy names none.
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(Api.Infrastructure.SecurityHeaders.ReferencePagePolicy, policy);
        Assert.DoesNotContain("http", policy);
        Assert.DoesNotContain("*", policy);
        // Each script it loads is served here; Scalar's start-up module names no other host either.
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var source = new Uri(new Uri("http://localhost/scalar/"), script);
            Assert.Equal("localhost", source.Host);
            var asset = await app.Client(null).Http.GetAsync(source.PathAndQuery);
            await Expect.StatusAsync(asset, 200);
            if (script.EndsWith("aspnetcore.js", StringComparison.Ordinal)) Assert.Empty(ExternalUrls(await asset.Content.ReadAsStringAsync()));
        }
    }

    /// <summary>Absolute http(s) URLs in a page, but for the XML namespaces an inline SVG carries.</summary>
    private static List<string> ExternalUrls(string text) =>
        AbsoluteUrl().Matches(text).Select(m => m.Value).Where(u => !u.StartsWith("http://www.w3.org/", StringComparison.Ordinal)).ToList();

    [GeneratedRegex("""https?://[^\s"'`)<>]+""")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("""<script[^>]*\ssrc="([^"]+)""")]
    private static partial Regex ScriptSource();

    private async Task<JsonObject> DocumentAsync()
    {
        var response = await app.Client(null).Http.GetAsync("/openapi/v1.json");
        await Expect.StatusAsync(response, 200);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Every POST route of the API and the EPCIS capture interface, from the endpoints' route attributes,
    /// with the request record the endpoint reads (null for a body it streams itself).</summary>
    private static IEnumerable<(string Method, string Template, Type? RequestType)> WriteRoutes()
    {
        var endpoints = typeof(OperationCatalogue).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static));
        foreach (var method in endpoints)
        {
            if (method.GetCustomAttribute<WolverinePostAttribute>() is not { } post) continue;
            var template = post.Template!;
            if (!template.StartsWith("/api/", StringComparison.Ordinal) && !template.StartsWith("/epcis/", StringComparison.Ordinal)) continue;
            var request = method.GetParameters().Select(p => p.ParameterType)
                .FirstOrDefault(t => t.IsClass && t.Namespace?.StartsWith("Registry.Api", StringComparison.Ordinal) == true &&
                    (t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name.StartsWith("Register", StringComparison.Ordinal)));
            yield return ("POST", template, request);
        }
    }

    private static async Task CompareOrWriteAsync(string relativePath, string served)
    {
        var path = Path.Combine(RepositoryRoot(), relativePath);
        if (Environment.GetEnvironmentVariable(WriteSetting) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
            return;
        }
        Assert.True(File.Exists(path), $"{relativePath} is missing: {Regenerate}.");
        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        Assert.True(committed == served, $"{relativePath} differs from what the registry serves: {Regenerate}.\n{FirstDifference(committed, served)}");
    }

    private static string FirstDifference(string committed, string served)
    {
        var (a, b) = (committed.Split('\n'), served.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
                return $"line {i + 1}: committed `{(i < a.Length ? a[i] : "<end>")}`, served `{(i < b.Length ? b[i] : "<end>")}`";
        return "";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Traceability.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No Traceability.sln above {AppContext.BaseDirectory}");
    }
}

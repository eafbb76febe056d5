using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Registry.Api.Imports;
using Registry.Api.Infrastructure.Idempotency;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Registry.Api.Infrastructure.OpenApi;

/// <summary>
/// The REST and EPCIS capture routes described as OpenAPI 3.1 at <c>GET /openapi/v1.json</c>, with Scalar's reference
/// page at <c>GET /scalar</c>, both open to anonymous callers. The document is generated from the Wolverine endpoints:
/// their request types, the answers they declare, and the answers the middleware gives every route
/// (<see cref="RegistryAnswersPolicy"/>). docs/openapi/v1.json is the committed copy (ContractTests).
/// </summary>
public static class RegistryOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferenceRoute = "/scalar";
    public const string SecuritySchemeName = "ApiKey";

    public static IServiceCollection AddRegistryOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // The write routes, the EPCIS capture interface and the passports' public door; GraphQL has its own schema
            // (docs/schema.graphql).
            options.ShouldInclude = description => description.RelativePath is { } path &&
                (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("epcis/capture", StringComparison.Ordinal) ||
                 path.StartsWith("passports/", StringComparison.Ordinal) || path.StartsWith("01/", StringComparison.Ordinal) ||
                 path == "epcis/events" && description.HttpMethod == "POST");
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddOperationTransformer(DescribeOperationAsync);
            options.AddSchemaTransformer(DescribeSchemaAsync);
        });

    public static void MapRegistryOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference(ReferenceRoute, scalar =>
        {
            // Everything the page loads comes from this host: Scalar's bundle is embedded in Scalar.AspNetCore, and
            // the features that would reach scalar.com (fonts, telemetry, its agent and MCP) are off.
            scalar.WithTitle("Circular-material registry API")
                .WithOpenApiRoutePattern(DocumentRoute)
                .AddPreferredSecuritySchemes(SecuritySchemeName)
                .HideDeveloperTools()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp();
        }).AllowAnonymous();
    }

    /// <summary>The endpoints' tags, in the order a reader meets them.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Organizations", "Organizations and their API keys (an admin registers organizations)."),
        ("Lots", "Registering a lot and what happens to it afterwards, by its holder."),
        ("Transformations", "A process step that consumes input lots and produces output lots, by mass balance."),
        ("Imports", "Many write commands at once, as NDJSON, answered line by line."),
        ("EPCIS capture", "The GS1 EPCIS 2.0 capture interface: documents as capture jobs, single events at once."),
        ("Passports", "Battery and product passports (EU 2023/1542 Art. 77): a public tier without a key, restricted tiers with one."),
    ];

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Circular-material registry",
            Version = DocumentName,
            Description = "Write commands of the registry (REST) and the GS1 EPCIS 2.0 capture interface. Reads are GraphQL " +
                "(POST /graphql, docs/schema.graphql) and the EPCIS query interface. Every refusal is an RFC 9457 problem " +
                "(application/problem+json) with a stable `code`.",
        };
        // The address the document was asked at is no part of the contract: clients know where they found it.
        document.Servers = [];
        // Routes by path, so that the committed document changes only where a route does.
        var byPath = document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        document.Paths.Clear();
        foreach (var (path, item) in byPath) document.Paths.Add(path, item);
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas?.Remove("IResult");
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "The organization's API key: `Authorization: Bearer <key>` (POST /api/organizations and " +
                "POST /api/organizations/{organizationId}/api-keys issue them).",
        };
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var route = "/" + context.Description.RelativePath;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] }];
        // Wolverine's placeholders: its generated names, and the answers it guesses from IResult.
        if (operation.Description == operation.OperationId || operation.Description == operation.Summary) operation.Description = null;
        if (operation.Summary == operation.OperationId || operation.Summary?.Contains('_') == true)
            operation.Summary = operation.OperationId is { } id ? Words(id) : null;
        if (operation.Responses is { } responses)
            foreach (var (status, answer) in responses.ToList())
                if (answer.Content is null or { Count: 0 } ? answer.Description is "OK" or "Not Found" or "No Content" && !Declared(metadata, status)
                    : answer.Content.Values.Any(c => c.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }))
                    responses.Remove(status);
        // The descriptions the endpoints and RegistryAnswersPolicy give each answer (the codes it may carry).
        foreach (var declared in metadata.OfType<ProducesResponseTypeAttribute>())
            if (declared.Description is { } said && operation.Responses?.GetValueOrDefault(declared.StatusCode.ToString()) is OpenApiResponse answer)
                answer.Description = said;
        // A 201 says where what it made is read (ReadLocations; the event for EPCIS), a 202 where its job is.
        foreach (var (status, answer) in operation.Responses ?? [])
            if (status is "201" or "202" && answer is OpenApiResponse located)
                (located.Headers ??= new Dictionary<string, IOpenApiHeader>())["Location"] = new OpenApiHeader
                {
                    Description = status == "202" ? "The capture job." : "Where it is read: the GraphQL query (GET /graphql?query=) that reads the lot or transformation, `viewer` for an organization's key, or the EPCIS event.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
        if (operation.Responses is { Count: > 1 } answers)
        {
            var byStatus = answers.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
            answers.Clear();
            foreach (var (status, answer) in byStatus) answers[status] = answer;
        }

        if (metadata.OfType<StreamedRequestBodyAttribute>().FirstOrDefault() is { } streamed)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = streamed.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [streamed.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
        if (route.StartsWith("/api/", StringComparison.Ordinal) && context.Description.HttpMethod == "POST" && !route.StartsWith(ImportEndpoint.Route, StringComparison.Ordinal))
            Header(operation, IdempotencyMiddleware.Header,
                "Makes the write safe to retry: the same key with the same body gets the first answer again.");
        if (route.Contains("{lotId}", StringComparison.Ordinal) && context.Description.HttpMethod != "GET")
            Header(operation, "If-Match", "The lot's version (its ETag, e.g. \"3\"): the write is refused with 412 when the lot has moved on.");
        return Task.CompletedTask;
    }

    /// <summary>A time (OffsetRequiredDateTimeConverter reads it) is a string, though its converter hides the type; a
    /// problem carries the registry's <c>code</c> (and may carry other members, as RFC 9457 lets it).</summary>
    private static Task DescribeSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        if (schema is { Format: "date-time", Type: null }) schema.Type = JsonSchemaType.String;
        if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The registry's stable code for the refusal, also the last segment of `type`, e.g. `lot-not-found`.",
            };
            schema.Required = new HashSet<string> { "code" };
        }
        return Task.CompletedTask;
    }

    /// <summary><c>RegisterLot</c> → "Register lot", <c>EpcisCaptureJob</c> → "EPCIS capture job".</summary>
    private static string Words(string operationId)
    {
        var words = System.Text.RegularExpressions.Regex.Split(operationId, "(?<=[a-z])(?=[A-Z])")
            .Select((w, i) => w == "Epcis" ? "EPCIS" : w == "Api" ? "API" : i == 0 ? w : w.ToLowerInvariant());
        return string.Join(' ', words);
    }

    private static bool Declared(IList<object> metadata, string status) =>
        metadata.OfType<ProducesResponseTypeAttribute>().Any(p => p.StatusCode.ToString() == status);

    private static void Header(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}

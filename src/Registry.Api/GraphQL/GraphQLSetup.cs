using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.GraphQL;

/// <summary>
/// GraphQL.NET, served by our own small endpoint (Hot Chocolate is absent from our package source:
/// docs/adr/0002-package-substitutions.md). Everything GraphQL lives in this folder.
/// </summary>
public static class GraphQLSetup
{
    public const string ResponseContentType = "application/graphql-response+json";

    public static IServiceCollection AddRegistryGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(QueryLimits.Section).Get<QueryLimits>() ?? new QueryLimits();
        services.AddSingleton(limits);
        StandbyReads.AddTo(services, configuration);
        services.AddScoped<OrganizationNames>();
        services.AddSingleton<KnownOrganizationNames>();
        services.AddScoped<Lots.LotHistories>();
        services.AddScoped<Lots.LotsById>();
        services.AddGraphQL(graphql => graphql
            .AddSchema<RegistrySchema>()
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(RegistrySchema).Assembly)
            // One resolver at a time: a request's Marten session and name cache are not thread-safe, and aliases
            // then cannot open a dozen concurrent database queries for one client.
            .AddExecutionStrategy(SerialExecutionStrategy.Instance, GraphQLParser.AST.OperationType.Query)
            .AddComplexityAnalyzer(complexity =>
            {
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
                // Introspection reads the schema in memory: bounded by the document's shape alone.
                var byPageSize = complexity.DefaultComplexityImpactDelegate;
                complexity.DefaultComplexityImpactDelegate = field =>
                    field.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
                        ? new FieldComplexityResult(0, 1)
                        : byPageSize(field);
                complexity.ValidateComplexityDelegate = check =>
                {
                    check.ValidationContext.RequestServices?.GetService<Observability.RegistryMetrics>()?.QueryCost(check.TotalImpact);
                    if (check.Error is not null)
                        check.Error = new global::GraphQL.Validation.ValidationError(
                            $"The query costs {check.TotalImpact:0} with depth {check.MaxDepth}; the limits (MaxComplexity, MaxDepth) are " +
                            $"{limits.MaxComplexity} and {limits.MaxDepth}. Ask for smaller pages or fewer fields.") { Code = QueryLimits.TooComplex };
                    return Task.CompletedTask;
                };
            })
            .AddUnhandledExceptionHandler(context =>
            {
                // Text PostgreSQL cannot hold (NUL) in an argument: the argument is wrong, not the server. Marten
                // wraps the PostgreSQL error (MartenCommandException) when it runs a LINQ query: look down the chain.
                if (HoldsUnstorableText(context.OriginalException))
                    context.Exception = new ExecutionError("An argument holds a character the registry does not store.")
                        { Code = ErrorCodes.InvalidArgument };
                else if (ErrorHandlingMiddleware.IsDatabaseUnavailable(context.OriginalException))
                    context.Exception = new ExecutionError(Problems.DatabaseUnavailableDetail)
                        { Code = ErrorCodes.Unavailable };
            })
            .AddErrorInfoProvider(options =>
                options.ExposeExceptionDetails = configuration.GetValue(ErrorHandlingMiddleware.ExposeDetailsSetting, false)));
        return services;
    }

    public static void MapRegistryGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", async (HttpContext http, IGraphQLTextSerializer serializer) =>
        {
            GraphQLRequest? request;
            try
            {
                request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            }
            catch (System.Text.Json.JsonException)
            {
                request = null;
            }
            await ExecuteAsync(http, request);
        }).RequireAuthorization();

        app.MapGet("/graphql", async (HttpContext http, IGraphQLTextSerializer serializer) =>
        {
            var query = http.Request.Query;
            var variables = query["variables"].ToString();
            Inputs? inputs;
            try
            {
                inputs = variables.Length > 0 ? serializer.Deserialize<Inputs>(variables) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                await WriteAsync(http, StatusCodes.Status400BadRequest, Refusal("variables is not a JSON object.", "BAD_REQUEST"));
                return;
            }
            await ExecuteAsync(http, new GraphQLRequest { Query = query["query"], OperationName = query["operationName"], Variables = inputs });
        }).RequireAuthorization();
    }

    private static async Task ExecuteAsync(HttpContext http, GraphQLRequest? request)
    {
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, Refusal("The request must be JSON with a 'query' string.", "BAD_REQUEST"));
            return;
        }
        var limits = http.RequestServices.GetRequiredService<QueryLimits>();
        if (limits.CheckLength(request.Query) is { } tooLong)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, Refusal(tooLong, QueryLimits.TooComplex));
            return;
        }
        // Parsed once, here: a document that does not parse within the limits is refused, never parsed again elsewhere.
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(request.Query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 4 * limits.MaxDepth + 16 });
        }
        catch (GraphQLParserException syntax)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, Refusal(syntax.Message, "SYNTAX_ERROR"));
            return;
        }
        if (limits.CheckShape(document) is { } refused)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, Refusal(refused, QueryLimits.TooComplex));
            return;
        }

        StandbyReads.Allow(http); // GraphQL only reads
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted, // a client that goes away stops its query, down to PostgreSQL
            Timeout = TimeSpan.FromSeconds(limits.TimeoutSeconds),
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
        });
        // A request that never executed (syntax, validation or limits) is the client's fault; a database outage is 503.
        var status = !result.Executed ? StatusCodes.Status400BadRequest
            : result.Errors?.Any(e => e.Code == ErrorCodes.Unavailable) == true ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = ErrorHandlingMiddleware.RetryAfterSeconds;
        await WriteAsync(http, status, result);
    }

    private static bool HoldsUnstorableText(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: "22021" or "22P05" }) return true;
        return false;
    }

    private static ExecutionResult Refusal(string message, string code) => new() { Errors = [new ExecutionError(message) { Code = code }] };

    private static Task WriteAsync(HttpContext http, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseContentType;
        return http.RequestServices.GetRequiredService<IGraphQLTextSerializer>().WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

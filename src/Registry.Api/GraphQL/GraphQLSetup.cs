using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;

namespace Registry.Api.GraphQL;

/// <summary>
/// GraphQL.NET, served by our own small endpoint (Hot Chocolate is absent from our package source:
/// docs/adr/0002-package-substitutions.md). Everything GraphQL lives in this folder.
/// </summary>
public static class GraphQLSetup
{
    public const string ResponseContentType = "application/graphql-response+json";

    public static IServiceCollection AddRegistryGraphQL(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddScoped<OrganizationNames>();
        services.AddGraphQL(graphql => graphql
            .AddSchema<RegistrySchema>()
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(RegistrySchema).Assembly)
            .AddErrorInfoProvider(options => options.ExposeExceptionDetails = environment.IsDevelopment()));
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

        app.MapGet("/graphql", (HttpContext http, IGraphQLTextSerializer serializer) =>
        {
            var query = http.Request.Query;
            var variables = query["variables"].ToString();
            return ExecuteAsync(http, new GraphQLRequest
            {
                Query = query["query"],
                OperationName = query["operationName"],
                Variables = variables.Length > 0 ? serializer.Deserialize<Inputs>(variables) : null,
            });
        }).RequireAuthorization();
    }

    private static async Task ExecuteAsync(HttpContext http, GraphQLRequest? request)
    {
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = ResponseContentType;
            await serializer.WriteAsync(http.Response.Body, new ExecutionResult
            {
                Errors = [new ExecutionError("The request must be JSON with a 'query' string.") { Code = "BAD_REQUEST" }],
            }, http.RequestAborted);
            return;
        }

        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });
        // A request that never executed (syntax or validation errors) is the client's fault.
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = ResponseContentType;
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

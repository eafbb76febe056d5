using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.IntegrationTests.Unit;

public sealed class ErrorHandlingTests
{
    private static async Task<(int Status, JsonObject Body, HttpResponse Response)> AnswerAsync(Exception thrown, bool exposeDetails = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { [ErrorHandlingMiddleware.ExposeDetailsSetting] = exposeDetails.ToString() }).Build();
        var middleware = new ErrorHandlingMiddleware(_ => throw thrown, NullLogger<ErrorHandlingMiddleware>.Instance, configuration);
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await middleware.InvokeAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, JsonNode.Parse(http.Response.Body)!.AsObject(), http.Response);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_that_tells_nothing_of_the_server()
    {
        var (status, body, _) = await AnswerAsync(new InvalidOperationException("secret at /srv/registry/Program.cs:line 12"));
        Assert.Equal(500, status);
        Assert.Equal("internal-error", body["code"]!.GetValue<string>());
        Assert.DoesNotContain("secret", body.ToJsonString());
        Assert.DoesNotContain("Program.cs", body.ToJsonString());
    }

    [Fact]
    public async Task Details_appear_only_when_the_setting_turns_them_on()
    {
        var (_, body, _) = await AnswerAsync(new InvalidOperationException("secret"), exposeDetails: true);
        Assert.Contains("secret", body.ToJsonString());
    }

    [Fact]
    public async Task An_unreachable_database_is_503_with_retry_after()
    {
        var (status, body, response) = await AnswerAsync(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)));
        Assert.Equal(503, status);
        Assert.Equal("database-unavailable", body["code"]!.GetValue<string>());
        Assert.Equal(ErrorHandlingMiddleware.RetryAfterSeconds, response.Headers.RetryAfter.ToString());
    }
}

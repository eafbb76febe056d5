using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Registry.Api.Infrastructure;

namespace Registry.IntegrationTests;

/// <summary>The admission of single writes, on the middleware alone (no host, no database).</summary>
public sealed class WriteConcurrencyLimitTests
{
    [Fact]
    public async Task Writes_over_the_limit_wait_their_turn_while_reads_and_imports_pass()
    {
        // Limit 1: the first POST /api/lots holds the permit until released; a second one must not start before,
        // while a GraphQL POST, a GET, an import and an unauthenticated POST go straight through; once released the
        // second one runs.
        var release = new TaskCompletionSource();
        var started = new List<string>();
        var limit = new WriteConcurrencyLimit(async http =>
        {
            lock (started) started.Add($"{http.Request.Method} {http.Request.Path}");
            if (http.Request.Path == "/api/lots" && started.Count == 1) await release.Task;
        }, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [WriteConcurrencyLimit.Setting] = "1" }).Build());

        var first = limit.InvokeAsync(Request("POST", "/api/lots"));
        var second = limit.InvokeAsync(Request("POST", "/api/lots"));
        await limit.InvokeAsync(Request("POST", "/graphql"));
        await limit.InvokeAsync(Request("GET", "/api/lots"));
        await limit.InvokeAsync(Request("POST", "/api/imports"));
        await limit.InvokeAsync(Request("POST", "/api/organizations", authenticated: false));
        Assert.Equal(["POST /api/lots", "POST /graphql", "GET /api/lots", "POST /api/imports", "POST /api/organizations"], started);
        Assert.False(second.IsCompleted);

        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("POST /api/lots", started[^1]);
        Assert.Equal(6, started.Count);
    }

    private static HttpContext Request(string method, string path, bool authenticated = true) => new DefaultHttpContext
    {
        Request = { Method = method, Path = path },
        User = new ClaimsPrincipal(authenticated ? new ClaimsIdentity("ApiKey") : new ClaimsIdentity()),
    };
}

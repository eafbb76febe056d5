using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests.Support;

public static class Expect
{
    public static async Task StatusAsync(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            Assert.Fail($"Expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Asserts a problem+json answer with this status and code, and returns it.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        await StatusAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(code, problem["code"]?.GetValue<string>());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem naming this field.</summary>
    public static async Task<JsonObject> InvalidFieldAsync(HttpResponseMessage response, string field)
    {
        await StatusAsync(response, 400);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field),
            $"Expected an error for '{field}', got: {problem.ToJsonString()}");
        return problem;
    }

    public static string ErrorCode(JsonObject graphQLResult) =>
        graphQLResult["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
}

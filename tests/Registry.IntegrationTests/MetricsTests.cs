using System.Text.RegularExpressions;
using Registry.Api.Observability;

namespace Registry.IntegrationTests;

/// <summary><c>/metrics</c>: Prometheus text with the registry's own instruments beside the libraries'.</summary>
[Collection(RegistryCollection.Name)]
public sealed class MetricsTests(RegistryApp app)
{
    [Fact]
    public async Task Metrics_count_commands_by_operation_and_outcome_and_import_lines_without_a_key()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lotNumber = $"M-{Guid.NewGuid():N}";
        await maker.Api.RegisterLotAsync(new { lotNumber });
        await Expect.StatusAsync(await maker.Api.RegisterLotAsResponseAsync(new { lotNumber }), 409);
        var import = await maker.Api.ImportAsync([Imports.Line("RegisterLot", $"metrics-{Guid.NewGuid():N}", Lots.Registration())]);
        Assert.Equal(1, import.Count("succeeded"));

        var response = await app.Client(null).Http.GetAsync(TelemetrySetup.MetricsRoute);
        await Expect.StatusAsync(response, 200);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Sample(text, "registry_commands_total", "operation=\"RegisterLot\"", "outcome=\"accepted\"") >= 1, text);
        Assert.True(Sample(text, "registry_commands_total", "operation=\"RegisterLot\"", "outcome=\"refused\"") >= 1);
        Assert.True(Sample(text, "registry_commands_total", "operation=\"Import\"", "outcome=\"accepted\"") >= 1);
        Assert.True(Sample(text, "registry_import_lines_total", "outcome=\"accepted\"") >= 1);
        Assert.Contains("# TYPE registry_projection_lag gauge", text);
        Assert.Matches(new Regex("^registry_projection_lag\\{[^}]*shard=\"KpiFacts:All\"", RegexOptions.Multiline), text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text); // ASP.NET Core's
        Assert.Contains("db_client_operation_duration_seconds_bucket", text); // Npgsql's
        // Labels are bounded sets: no organization's name or id, no lot number.
        Assert.DoesNotContain(maker.Name, text);
        Assert.DoesNotContain(maker.Id.ToString(), text);
        Assert.DoesNotContain(lotNumber, text);
    }

    [Fact]
    public async Task The_graphql_query_cost_is_a_histogram()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await maker.Api.GraphQLAsync("{ lots(first: 10) { nodes { id } } }");
        var text = await (await app.Client(null).Http.GetAsync(TelemetrySetup.MetricsRoute)).Content.ReadAsStringAsync();
        Assert.Contains("# TYPE registry_graphql_query_cost histogram", text);
        Assert.True(Sample(text, "registry_graphql_query_cost_count") >= 1);
    }

    /// <summary>The sum of a metric's samples whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sample(string text, string metric, params string[] labels) => text.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => labels.All(line.Contains))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}

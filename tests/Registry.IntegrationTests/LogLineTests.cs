using System.Text.Json.Nodes;
using Registry.Api.Observability;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>What a registry process writes to its redirected stdout: JSON lines with timestamps and trace ids.</summary>
public sealed class LogLineTests(LogLineTests.LoggingRegistry fixture) : IClassFixture<LogLineTests.LoggingRegistry>
{
    /// <summary>One process for the class, logging at the level production runs at.</summary>
    public sealed class LoggingRegistry : IAsyncLifetime
    {
        private const string Database = "registry_tests_process";
        public RegistryProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await RegistryProcess.StartAsync("logging", await TestDatabase.CreateAsync(Database),
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information", ["Registry__ProjectionDaemon"] = "Disabled" });

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            await TestDatabase.DropAsync(Database);
        }
    }

    private static readonly string AccessLogCategory = typeof(AccessLog).FullName!;

    [Fact]
    public async Task A_refused_command_is_one_information_line_with_its_trace_id_and_no_stack_trace()
    {
        var maker = fixture.Process.Client((await fixture.Process.Client(RegistryProcess.AdminKey).RegisterOrganizationAsync("Manufacturer")).ApiKey);
        var lotNumber = $"LOG-{Guid.NewGuid():N}";
        await Expect.StatusAsync(await maker.RegisterLotAsResponseAsync(new { lotNumber }), 201);

        // A taken lot number (the database's unique index refuses the commit) and a validation failure.
        foreach (var (body, status) in new (object Body, int Status)[] { (new { lotNumber }, 409), (new { massKg = -5m }, 400) })
        {
            await Expect.StatusAsync(await maker.RegisterLotAsResponseAsync(body), status);
            var access = await fixture.Process.WaitForAsync(e => e["Category"]?.GetValue<string>() == AccessLogCategory
                && e["State"]!["Status"]!.GetValue<int>() == status);
            var traceId = access["State"]!["TraceId"]!.GetValue<string>();
            Assert.Matches("^[0-9a-f]{32}$", traceId);
            await Task.Delay(TimeSpan.FromSeconds(1)); // anything else the request logs is written by now

            var entry = Assert.Single(fixture.Process.Entries, e => TraceIdOf(e) == traceId);
            Assert.Equal("Information", entry["LogLevel"]!.GetValue<string>());
            Assert.Equal("POST", entry["State"]!["Method"]!.GetValue<string>());
            Assert.Equal("/api/lots", entry["State"]!["Path"]!.GetValue<string>());
            Assert.Null(entry["Exception"]);
            Assert.DoesNotContain("   at ", entry.ToJsonString());
        }
        Assert.All(fixture.Process.Entries, e => Assert.True(DateTimeOffset.TryParse(e["Timestamp"]?.GetValue<string>(), out _), e.ToJsonString()));
    }

    [Fact]
    public async Task An_import_logs_its_start_and_its_summary()
    {
        var admin = fixture.Process.Client(RegistryProcess.AdminKey);
        var (_, organizationId, key) = await admin.RegisterOrganizationAsync("Manufacturer");
        var answer = await fixture.Process.Client(key).ImportAsync([
            Imports.Line("RegisterLot", $"log-{Guid.NewGuid():N}", Lots.Registration()),
            Imports.Line("RegisterLot", $"log-{Guid.NewGuid():N}", Lots.Registration(new { massKg = -5m })),
        ]);
        Assert.Equal(1, answer.Count("failed"));

        await fixture.Process.WaitForAsync(e => e["Message"]?.GetValue<string>() == $"Import by organization {organizationId} started");
        var summary = await fixture.Process.WaitForAsync(e =>
            e["Message"]?.GetValue<string>().StartsWith($"Import by organization {organizationId} finished") == true);
        Assert.Equal(2, summary["State"]!["Lines"]!.GetValue<int>());
        Assert.Equal(1, summary["State"]!["Succeeded"]!.GetValue<int>());
        Assert.Equal(1, summary["State"]!["Failed"]!.GetValue<int>());
        Assert.NotNull(TraceIdOf(summary));
    }

    /// <summary>The trace id the host's logging scope gives an entry written during a request.</summary>
    private static string? TraceIdOf(JsonObject entry) =>
        entry["Scopes"]?.AsArray().Select(s => s?["TraceId"]?.GetValue<string>()).FirstOrDefault(t => t is not null);
}

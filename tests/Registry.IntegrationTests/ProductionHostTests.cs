using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Api.Demo;

namespace Registry.IntegrationTests;

/// <summary>What a Production process on a real socket answers a hostile or unlucky client.</summary>
public sealed class ProductionHostTests(ProductionRegistry registry) : IClassFixture<ProductionRegistry>
{
    private SeparateHost Host => registry.Host;

    [Fact]
    public async Task Demo_keys_open_nothing_in_production_although_the_database_holds_their_organizations()
    {
        foreach (var key in new[] { DemoData.AdminKey, DemoScenario.MakerKey, DemoScenario.RecyclerKey, DemoData.MinistryKey })
        {
            await Expect.ProblemAsync(await Host.Client(key).Http.GetAsync("/graphql?query={__typename}"), 401, "unauthenticated");
            await Expect.ProblemAsync(await Host.Client(key).PostAsync("/api/organizations",
                new { name = $"Intruder-{Guid.NewGuid():N}", country = "JP", role = "Admin" }), 401, "unauthenticated");
        }
        await Expect.StatusAsync(await Host.Client(ProductionRegistry.AdminKey).Http.GetAsync("/graphql?query={__typename}"), 200);
    }

    [Fact]
    public async Task Unknown_keys_are_throttled_per_address_with_retry_after_and_the_block_lifts()
    {
        await Task.Delay(TimeSpan.FromSeconds(ProductionRegistry.FailedAuthenticationWindowSeconds + 0.2)); // a fresh window
        // Twenty guesses at once: exactly the limit is looked up, however they interleave.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Host.Client($"guess-{i}").Http.GetAsync("/graphql?query={__typename}")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(ProductionRegistry.FailedAuthenticationLimit, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(20 - ProductionRegistry.FailedAuthenticationLimit, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var throttled = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await Expect.ProblemAsync(throttled, 429, "too-many-failed-authentications");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        await Task.Delay(TimeSpan.FromSeconds(ProductionRegistry.FailedAuthenticationWindowSeconds + 0.5));
        await Expect.StatusAsync(await Host.Client(ProductionRegistry.AdminKey).Http.GetAsync("/graphql?query={__typename}"), 200);
    }

    [Fact]
    public async Task An_organization_writing_faster_than_its_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        var maker = await registry.NewOrganizationAsync("Manufacturer");
        var statuses = new List<int>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < ProductionRegistry.WriteBurst + 5; i++)
        {
            var response = await maker.RegisterLotAsResponseAsync();
            statuses.Add((int)response.StatusCode);
            if (statuses[^1] == 429) throttled = response;
        }
        Assert.All(statuses, s => Assert.Contains(s, new[] { 201, 429 }));
        Assert.NotNull(throttled);
        await Expect.ProblemAsync(throttled!, 429, "too-many-writes");
        Assert.True(throttled!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        var other = await registry.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await other.RegisterLotAsResponseAsync(), 201);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header()
    {
        var admin = Host.Client(ProductionRegistry.AdminKey);
        foreach (var response in new[]
                 {
                     await admin.Http.GetAsync("/graphql?query={__typename}"),
                     await Host.Client(null).Http.GetAsync("/health/live"),
                     await Host.Client("wrong").PostAsync("/api/lots", new { }),
                     await admin.PostAsync("/api/organizations", new { name = "", country = "JP", role = "Admin" }),
                 })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task While_PostgreSQL_is_unreachable_reads_and_writes_answer_503_with_retry_after_then_recover()
    {
        var maker = await registry.NewOrganizationAsync("Manufacturer");
        await Expect.StatusAsync(await maker.Http.GetAsync("/graphql?query={__typename}"), 200); // its key is now known
        registry.Proxy.Cut();
        try
        {
            var write = await maker.RegisterLotAsResponseAsync();
            await Expect.ProblemAsync(write, 503, "database-unavailable");
            Assert.NotNull(write.Headers.RetryAfter);

            var read = await maker.Http.PostAsync("/graphql", JsonContent("{ lots(first: 5) { nodes { id } } }"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.NotNull(read.Headers.RetryAfter);
            var answer = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
            Assert.True(answer["errors"]?[0]?["extensions"]?["code"] is not null, answer.ToJsonString());
            Assert.Equal("DATABASE_UNAVAILABLE", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.DoesNotContain("at Npgsql", answer.ToJsonString());

            // A key not yet known needs the database to be checked.
            await Expect.ProblemAsync(await Host.Client("not-cached").Http.GetAsync("/graphql?query={__typename}"), 503, "database-unavailable");
            await Expect.StatusAsync(await Host.Client(null).Http.GetAsync("/health/ready"), 503);
            // Alive all the same: a restart would not bring the database back.
            await Expect.StatusAsync(await Host.Client(null).Http.GetAsync("/health/live"), 200);
        }
        finally
        {
            registry.Proxy.Restore();
        }
        await Expect.StatusAsync(await maker.RegisterLotAsResponseAsync(), 201);
    }

    [Fact]
    public async Task A_graphql_query_is_stopped_at_its_time_limit_and_its_database_query_with_it()
    {
        var ministry = await registry.NewOrganizationAsync("Ministry");
        await using var locker = await LockLotsAsync(ministry);
        var watch = Stopwatch.StartNew();
        var request = ministry.Http.PostAsync("/graphql", JsonContent("{ lots(first: 5) { nodes { id } } }"));
        await WaitForBlockedQueriesAsync(locker, expected: 1);
        var answer = JsonNode.Parse(await (await request).Content.ReadAsStringAsync())!;

        Assert.Equal("TIMEOUT", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(ProductionRegistry.GraphQLTimeoutSeconds - 0.5), TimeSpan.FromSeconds(10));
        await WaitForNoBlockedQueryAsync(locker);
    }

    [Fact]
    public async Task A_client_that_disconnects_stops_its_graphql_query_in_the_database()
    {
        var ministry = await registry.NewOrganizationAsync("Ministry");
        await using var locker = await LockLotsAsync(ministry);
        using var gone = new CancellationTokenSource();
        var request = ministry.Http.PostAsync("/graphql", JsonContent("{ lots(first: 5) { nodes { id } } }"), gone.Token);
        await WaitForBlockedQueriesAsync(locker, expected: 1);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await WaitForNoBlockedQueryAsync(locker);
    }

    private static StringContent JsonContent(string query) =>
        new(new JsonObject { ["query"] = query }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>A transaction holding an exclusive lock on the lot table: every query of it waits.</summary>
    private async Task<NpgsqlConnection> LockLotsAsync(ApiClient reader)
    {
        // Once read, the table's schema is known to the process: only the query itself will wait.
        await Expect.StatusAsync(await reader.Http.PostAsync("/graphql", JsonContent("{ lots(first: 1) { nodes { id } } }")), 200);
        var connection = new NpgsqlConnection(registry.DirectConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("begin; lock table registry.mt_doc_lot in access exclusive mode", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<long> BlockedQueriesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' " +
            "and pid <> pg_backend_pid()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForBlockedQueriesAsync(NpgsqlConnection connection, int expected)
    {
        for (var i = 0; i < 100 && await BlockedQueriesAsync(connection) < expected; i++) await Task.Delay(100);
        Assert.Equal(expected, await BlockedQueriesAsync(connection));
    }

    /// <summary>The waiting query was cancelled in PostgreSQL (the lock is still held, so nothing else ended it).</summary>
    private static async Task WaitForNoBlockedQueryAsync(NpgsqlConnection connection)
    {
        for (var i = 0; i < 100 && await BlockedQueriesAsync(connection) > 0; i++) await Task.Delay(100);
        Assert.Equal(0, await BlockedQueriesAsync(connection));
    }

    [Fact]
    public async Task An_organization_gets_one_graphql_request_at_a_time_here_and_others_are_served_meanwhile()
    {
        var ministry = await registry.NewOrganizationAsync("Ministry");
        var other = await registry.NewOrganizationAsync("Ministry");
        await using var locker = await LockLotsAsync(ministry);
        using var gone = new CancellationTokenSource();
        var running = ministry.Http.PostAsync("/graphql", JsonContent("{ lots(first: 5) { nodes { id } } }"), gone.Token);
        await WaitForBlockedQueriesAsync(locker, expected: 1);

        var second = await ministry.Http.PostAsync("/graphql", JsonContent("{ __typename }"));
        await Expect.ProblemAsync(second, 429, "too-many-queries");
        Assert.NotNull(second.Headers.RetryAfter);
        await Expect.StatusAsync(await other.Http.PostAsync("/graphql", JsonContent("{ __typename }")), 200);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await WaitForNoBlockedQueryAsync(locker);
    }

    [Fact]
    public async Task An_organization_runs_as_many_imports_at_once_as_admitted()
    {
        var maker = await registry.NewOrganizationAsync("Manufacturer");
        var more = new TaskCompletionSource();
        async IAsyncEnumerable<string> Slowly()
        {
            yield return Imports.Line("RegisterLot", "slow-1", Lots.Registration());
            await more.Task;
        }
        var first = Imports.SendAsync(maker, new Imports.StreamedLines(Slowly()));
        await Task.Delay(500); // the first import is running: its body is still being sent

        var second = await maker.ImportAsResponseAsync([Imports.Line("RegisterLot", "fast-1", Lots.Registration())]);
        await Expect.ProblemAsync(second, 429, "too-many-imports");
        more.SetResult();
        var answer = await Imports.ReadAsync(await first);
        Assert.Equal(1, answer.Count("succeeded"));
    }
}

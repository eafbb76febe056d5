using System.Diagnostics;
using Npgsql;
using Registry.Api.GraphQL;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests.Cluster;

/// <summary>
/// GraphQL reads through a multi-host data source preferring a real streaming standby (./test.sh starts one beside
/// the primary: scripts/postgres.sh standby). With the standby's replay paused, a new lot is invisible to GraphQL and
/// visible to a read that asks for the primary; once replay resumes, GraphQL sees it.
/// </summary>
public sealed class StandbyReadTests
{
    public const string Variable = "REGISTRY_TEST_STANDBY_CONNECTION";
    private const string Database = "registry_tests_standby";
    private const string LotQuery = "query($id: ID!) { lot(id: $id) { id } }";

    [Fact]
    public async Task GraphQL_reads_are_served_by_the_standby_and_a_client_may_read_its_write_from_the_primary()
    {
        var standbyServer = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} names no standby: run ./test.sh, which starts one.");
        var primary = await TestDatabase.CreateAsync(Database);
        var standby = new NpgsqlConnectionStringBuilder(standbyServer) { Database = Database }.ConnectionString;
        var (p, s) = (new NpgsqlConnectionStringBuilder(primary), new NpgsqlConnectionStringBuilder(standby));
        var reads = new NpgsqlConnectionStringBuilder(primary)
        {
            Host = $"{p.Host}:{p.Port},{s.Host}:{s.Port}", TargetSessionAttributes = "prefer-standby", ApplicationName = "registry-reads",
        }.ConnectionString;
        await using var registry = await RegistryProcess.StartAsync("standby-reads", primary, new Dictionary<string, string>
        {
            [$"ConnectionStrings__{StandbyReads.ConnectionName}"] = reads, ["Registry__ProjectionDaemon"] = "Disabled",
        });
        var maker = registry.Client((await registry.Client(RegistryProcess.AdminKey).RegisterOrganizationAsync("Manufacturer")).ApiKey);
        await ReplayedAsync(primary, standby);

        await ExecuteAsync(standby, "select pg_wal_replay_pause()");
        Guid lot;
        try
        {
            lot = await maker.RegisterLotAsync();
            Assert.Null((await maker.GraphQLAsync(LotQuery, new { id = lot }))["data"]!["lot"]);
            maker.Http.DefaultRequestHeaders.Add(StandbyReads.ReadFromHeader, "primary");
            Assert.Equal(lot, (await maker.GraphQLAsync(LotQuery, new { id = lot }))["data"]!["lot"]!["id"]!.GetValue<Guid>());
            maker.Http.DefaultRequestHeaders.Remove(StandbyReads.ReadFromHeader);
            // The reads' pooled sessions are on the standby (the data source may also keep one it probed the primary with).
            Assert.True(await ReadSessionsAsync(standby) > 0);
        }
        finally
        {
            await ExecuteAsync(standby, "select pg_wal_replay_resume()");
        }
        var watch = Stopwatch.StartNew();
        while ((await maker.GraphQLAsync(LotQuery, new { id = lot }))["data"]!["lot"] is null)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The standby did not replay the lot within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the standby has replayed what the primary has written so far.</summary>
    private static async Task ReplayedAsync(string primary, string standby)
    {
        await using var source = NpgsqlDataSource.Create(primary);
        var written = (await source.CreateCommand("select pg_current_wal_lsn()::text").ExecuteScalarAsync())!;
        var watch = Stopwatch.StartNew();
        await using var replica = NpgsqlDataSource.Create(standby);
        await using var replayed = replica.CreateCommand("select pg_last_wal_replay_lsn() >= $1::text::pg_lsn");
        replayed.Parameters.AddWithValue(written);
        while (await replayed.ExecuteScalarAsync() is not true)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The standby did not catch up within 30 s.");
            await Task.Delay(50);
        }
    }

    private static async Task<long> ReadSessionsAsync(string server)
    {
        await using var source = NpgsqlDataSource.Create(server);
        return (long)(await source.CreateCommand(
            "select count(*) from pg_stat_activity where application_name = 'registry-reads' and datname = current_database()").ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var source = NpgsqlDataSource.Create(server);
        await source.CreateCommand(sql).ExecuteNonQueryAsync();
    }
}

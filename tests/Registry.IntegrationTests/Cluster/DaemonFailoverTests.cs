using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests.Cluster;

/// <summary>
/// Two API processes on one database share the async projections (HotCold). The one projecting is killed mid-work;
/// the other takes over, and the KPI facts equal those of one process given the same commands.
/// </summary>
public sealed class DaemonFailoverTests
{
    private const int Year = 2026, LotsPerPhase = 12;
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(10), CatchUpBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_killed_projecting_process_is_replaced_and_no_fact_counts_twice()
    {
        var single = await TestDatabase.CreateAsync("registry_tests_failover_single");
        string expectedKpis, expectedFacts;
        await using (var alone = await RegistryProcess.StartAsync("node-alone", single))
        {
            var members = await MembersAsync(alone);
            await WriteAsync(members, phase: 1);
            await WriteAsync(members, phase: 2);
            await CaughtUpAsync(single, CatchUpBound);
            (expectedKpis, expectedFacts) = (await KpisAsync(members.Ministry), await FactsAsync(single));
        }

        var shared = await TestDatabase.CreateAsync("registry_tests_failover_pair");
        await using var a = await RegistryProcess.StartAsync("node-a", shared);
        await using var b = await RegistryProcess.StartAsync("node-b", shared);
        var nodes = new[] { a, b };
        var projecting = await ProjectingNodeAsync(shared, nodes, TakeoverBound);
        var survivor = nodes.Single(n => n != projecting);
        var members2 = await MembersAsync(survivor);
        await WriteAsync(members2, phase: 1);
        await projecting.KillAsync(); // likely mid-batch: phase 1 was just written
        var watch = Stopwatch.StartNew();
        Assert.Same(survivor, await ProjectingNodeAsync(shared, [survivor], TakeoverBound));
        var takeover = watch.Elapsed;
        await WriteAsync(members2, phase: 2);
        await CaughtUpAsync(shared, CatchUpBound);

        Assert.True(takeover < TakeoverBound, $"took over after {takeover}");
        Assert.Equal(expectedFacts, await FactsAsync(shared));
        Assert.Equal(expectedKpis, await KpisAsync(members2.Ministry));
        // By hand: 2 phases × 12 lots of 100 kg: waste 2400, energy recovery 12 × 2 × 40 = 960, landfill 480,
        // material recycling 960; effective utilization (960 + 960) / 2400 = 0.8.
        var plastics = JsonNode.Parse(expectedKpis)!["plasticsKpis"]!;
        Assert.Equal((2400m, 960m, 480m, 960m), (plastics["wasteKg"]!.GetValue<decimal>(), plastics["energyRecoveryKg"]!.GetValue<decimal>(),
            plastics["landfillKg"]!.GetValue<decimal>(), plastics["materialRecyclingKg"]!.GetValue<decimal>()));
        Assert.Equal(0.8, plastics["effectiveUtilizationRate"]!.GetValue<double>(), 12);
    }

    private sealed record Members(ApiClient Recycler, ApiClient Maker, ApiClient Ministry);

    private static async Task<Members> MembersAsync(RegistryProcess node)
    {
        var admin = node.Client(RegistryProcess.AdminKey);
        async Task<ApiClient> Member(string role) => node.Client((await admin.RegisterOrganizationAsync(role)).ApiKey);
        return new Members(await Member("Recycler"), await Member("Manufacturer"), await Member("Ministry"));
    }

    /// <summary>Each lot: 100 kg of PP waste, 40 kg to energy recovery, 20 kg landfilled, 40 kg material recycled; a placement beside it.</summary>
    private static async Task WriteAsync(Members members, int phase)
    {
        for (var i = 0; i < LotsPerPhase; i++)
        {
            var waste = await members.Recycler.RegisterLotAsync(new { material = "PP", massKg = 100m, occurredAt = Lots.At(1), wasteKind = "PostConsumer" });
            foreach (var (route, kg) in new[] { ("EnergyRecovery", 40m), ("Landfill", 20m) })
                await Expect.StatusAsync(await members.Recycler.PostAsync($"/api/lots/{waste}/treatments",
                    new { occurredAt = Lots.At(2), route, massKg = kg }), 200);
            await members.Recycler.TransformAsync("MaterialRecycling", [(waste, 40m)], [Lots.Output("Plastic", "PP", 36m)], day: 3);
            var product = await members.Maker.RegisterLotAsync(new { material = "PET", massKg = 10m + phase, occurredAt = Lots.At(1) });
            await Expect.StatusAsync(await members.Maker.PostAsync($"/api/lots/{product}/placements",
                new { occurredAt = Lots.At(4), country = "JP" }), 200);
        }
    }

    /// <summary>The node whose sessions hold the projections' advisory locks (Marten's HotCold election).</summary>
    private static async Task<RegistryProcess> ProjectingNodeAsync(string connectionString, RegistryProcess[] candidates, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (watch.Elapsed < within)
        {
            await using var command = new NpgsqlCommand(
                "select a.application_name from pg_locks l join pg_stat_activity a using (pid) " +
                "where l.locktype = 'advisory' and l.granted and a.datname = current_database()", connection);
            var holders = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) holders.Add(reader.GetString(0));
            if (candidates.FirstOrDefault(n => holders.Contains(n.Name)) is { } node) return node;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No node of {string.Join(", ", candidates.Select(n => n.Name))} projected within {within}.");
    }

    private static async Task CaughtUpAsync(string connectionString, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (watch.Elapsed < within)
        {
            await using var command = new NpgsqlCommand(
                $"select (select max(seq_id) from {MartenSetup.Schema}.mt_events) <= all(select last_seq_id from {MartenSetup.Schema}.mt_event_progression " +
                "where name = any(@shards)) and (select count(*) from registry.mt_event_progression where name = any(@shards)) = 2", connection);
            command.Parameters.AddWithValue("shards", ProjectionDaemonHealthCheck.Shards.ToArray());
            if (await command.ExecuteScalarAsync() is true) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The projections did not catch up within {within}.");
    }

    /// <summary>Every fact table's rows and sums: a fact counted twice changes a count or a sum.</summary>
    private static async Task<string> FactsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select string_agg(line, E'\\n' order by line) from (" +
            "select 'facts ' || measure || ' ' || key || ' ' || count(*) || ' ' || sum(numerator) || ' ' || sum(denominator) as line " +
            "from registry.kpi_facts group by measure, key " +
            "union all select 'totals ' || measure || ' ' || key || ' ' || sum(numerator) || ' ' || sum(denominator) " +
            "from registry.kpi_totals group by measure, key " +
            "union all select 'flows ' || count(*) from registry.supply_flows) lines", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> KpisAsync(ApiClient ministry)
    {
        var answer = await ministry.GraphQLAsync(
            "query($year: Int!) { plasticsKpis(year: $year) { wasteKg reuseKg materialRecyclingKg chemicalRecyclingKg energyRecoveryKg " +
            "incinerationKg landfillKg effectiveUtilizationRate recyclingRate biomassPlacedOnMarketKg } " +
            "kpiProgress(from: $year, to: $year) { kpi year value } }", new { year = Year });
        Assert.Null(answer["errors"]);
        return answer["data"]!.ToJsonString();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// A bulk load refreshes the planner's statistics of the registry's tables, so the projections catching up behind
/// it plan on today's table sizes; a small import leaves that to autovacuum.
/// </summary>
public sealed class ImportStatisticsTests
{
    [Fact]
    public async Task An_import_from_the_threshold_up_analyzes_the_tables_and_a_smaller_one_does_not()
    {
        await using var registry = await IsolatedRegistry.StartAsync(new() { ["Registry__AnalyzeAfterBulkLoad"] = "20" });
        var maker = await registry.NewOrganizationAsync("Manufacturer");
        var data = registry.Services.GetRequiredService<NpgsqlDataSource>();
        IEnumerable<string> Lines(string prefix, int count) => Enumerable.Range(0, count).Select(i => Imports.Line("RegisterLot", $"{prefix}{i}",
            new { lotNumber = $"{prefix}{i}", category = "Plastic", material = "PET", massKg = 10m, occurredAt = Lots.Day }));

        var small = await maker.Api.ImportAsync(Lines("S", 19));
        Assert.Equal(19, small.Count("succeeded"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await AnalyzedAsync(data, "mt_events"));

        var large = await maker.Api.ImportAsync(Lines("L", 20));
        Assert.Equal(20, large.Count("succeeded"));
        for (var waited = 0; waited < 60 && await AnalyzedAsync(data, "mt_doc_lot") == 0; waited++) await Task.Delay(500);
        Assert.Equal((1, 1, 1), (await AnalyzedAsync(data, "mt_events"), await AnalyzedAsync(data, "mt_doc_lot"),
            await AnalyzedAsync(data, "epcis_events")));
    }

    /// <summary>How many times the table was analyzed other than by autovacuum.</summary>
    private static async Task<long> AnalyzedAsync(NpgsqlDataSource data, string table)
    {
        await using var command = data.CreateCommand(
            "select analyze_count from pg_stat_user_tables where schemaname = 'registry' and relname = $1");
        command.Parameters.AddWithValue(table);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

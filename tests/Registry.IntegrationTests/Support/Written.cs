using Npgsql;

namespace Registry.IntegrationTests.Support;

/// <summary>What the registry has written: a value to compare before and after a request that must write nothing.</summary>
public static class Written
{
    /// <summary>Events, lots, organizations, idempotency records and EPCIS events in the shared test database.</summary>
    public static async Task<(long Events, long Lots, long Organizations, long IdempotencyRecords, long EpcisEvents)> CountAsync()
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from registry.mt_events), (select count(*) from registry.mt_doc_lot), " +
            "(select count(*) from registry.mt_doc_organization), (select count(*) from registry.mt_doc_idempotencyrecord), " +
            "(select count(*) from registry.epcis_events)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }
}

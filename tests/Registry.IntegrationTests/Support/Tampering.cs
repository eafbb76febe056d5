using Npgsql;

namespace Registry.IntegrationTests.Support;

/// <summary>What an attacker with superuser access to the database does: triggers off (replica mode), then any SQL.</summary>
public static class Tampering
{
    public static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using (var off = new NpgsqlCommand("set session_replication_role = replica", connection)) await off.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static Task<long> SequenceAsync(string connectionString, Guid streamId, long version) =>
        ScalarAsync<long>(connectionString, $"select seq_id from registry.mt_events where stream_id = '{streamId}' and version = {version}");

    /// <summary>Unpooled, so that no setting outlives the tampering.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

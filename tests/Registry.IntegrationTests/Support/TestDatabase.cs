using Npgsql;
using Testcontainers.PostgreSql;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// The PostgreSQL the tests run against: REGISTRY_TEST_CONNECTION when set (./test.sh sets it), else a
/// Testcontainers PostgreSQL when Docker is available, else a clear failure.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "REGISTRY_TEST_CONNECTION";
    private static PostgreSqlContainer? container;

    public static async Task<string> ConnectionStringAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (!DockerIsAvailable())
            throw new InvalidOperationException(
                $"No PostgreSQL for the integration tests: set {Variable} to a connection string, run ./test.sh " +
                "(it starts a throw-away PostgreSQL with scripts/postgres.sh), or make Docker available.");
        container ??= new PostgreSqlBuilder("postgres:15").Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }

    /// <summary>Drops what a previous run left, so every run starts from empty schemas.</summary>
    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "drop schema if exists registry cascade; drop schema if exists wolverine cascade;", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh, empty database beside the shared one (dropped first when a previous run left it).</summary>
    public static async Task<string> CreateAsync(string name)
    {
        var shared = await ConnectionStringAsync();
        await DropAsync(name);
        await using (var connection = new NpgsqlConnection(shared))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(shared) { Database = name }.ConnectionString;
    }

    public static async Task DropAsync(string name)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static bool DockerIsAvailable() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is not null || File.Exists("/var/run/docker.sock");
}

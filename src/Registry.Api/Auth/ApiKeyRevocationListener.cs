using Npgsql;

namespace Registry.Api.Auth;

/// <summary>
/// Listens for keys replaced by any API process (<see cref="KnownApiKeys.RevocationChannel"/>) and forgets them
/// here. On its own connection, outside the pool (a pooled connection would carry the LISTEN to other users). A
/// lost connection is opened again; keys cached meanwhile are forgotten then, as notifications may have been missed.
/// </summary>
public sealed class ApiKeyRevocationListener(IConfiguration configuration, KnownApiKeys known, ILogger<ApiKeyRevocationListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Registry"))
        {
            Pooling = false, KeepAlive = 15,
        }.ConnectionString;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var organizationId)) known.Forget(organizationId);
                };
                await using (var listen = new NpgsqlCommand($"listen {KnownApiKeys.RevocationChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                known.ForgetAll();
                while (true) await connection.WaitAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning("Not hearing about replaced API keys ({Reason}); trying again in 2 s.", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stopping).ContinueWith(_ => { }, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

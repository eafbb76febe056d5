using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace Registry.Api.GraphQL;

/// <summary>
/// GraphQL answers from a PostgreSQL streaming standby when <c>ConnectionStrings:RegistryReads</c> names one: an
/// Npgsql multi-host connection string such as <c>Host=primary,standby;Target Session Attributes=prefer-standby</c>,
/// so reads fall back to the primary while no standby answers. The GraphQL endpoint marks its request, and that
/// request's <see cref="IQuerySession"/> reads there; every write, and its answer, stays on the primary. A standby
/// answers as of its replay, a moment behind: a client reading its own write back sends
/// <c>Registry-Read-From: primary</c> (docs/adr/0018).
/// </summary>
public sealed class StandbyReads(NpgsqlDataSource? source) : IAsyncDisposable
{
    public const string ConnectionName = "RegistryReads";
    public const string ReadFromHeader = "Registry-Read-From";
    private static readonly object Marker = new();

    /// <summary>Reads of this request may be served by the standby, unless its client asked for the primary.</summary>
    public static void Allow(HttpContext http)
    {
        if (!string.Equals(http.Request.Headers[ReadFromHeader], "primary", StringComparison.OrdinalIgnoreCase)) http.Items[Marker] = true;
    }

    public IQuerySession Session(IDocumentStore store, HttpContext? http)
    {
        if (source is null || http?.Items.ContainsKey(Marker) != true) return store.QuerySession();
        var connection = source.OpenConnection();
        http.Response.RegisterForDispose(connection);
        // One transaction for the request's reads: one snapshot of the standby, and the connection it came from.
        var transaction = connection.BeginTransaction();
        http.Response.RegisterForDispose(transaction);
        return store.QuerySession(SessionOptions.ForTransaction(transaction));
    }

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(_ => new StandbyReads(
            configuration.GetConnectionString(ConnectionName) is { Length: > 0 } reads ? NpgsqlDataSource.Create(reads) : null));
        // Replaces Marten's registration (the same session when no standby is configured).
        services.AddScoped(sp => sp.GetRequiredService<StandbyReads>()
            .Session(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IHttpContextAccessor>().HttpContext));
    }

    public ValueTask DisposeAsync() => source?.DisposeAsync() ?? ValueTask.CompletedTask;
}

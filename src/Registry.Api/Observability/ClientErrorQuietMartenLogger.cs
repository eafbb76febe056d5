using Marten;
using Marten.Services;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.Observability;

/// <summary>
/// Marten's command logging, minus the noise of refusals: a commit that fails on a taken lot number or a concurrent
/// write (answered 409/412 by ErrorHandlingMiddleware) was logged as an error with SQL and a stack trace per statement
/// of the batch. Those are now one debug line; every other failure stays an error with its exception.
/// </summary>
public sealed class ClientErrorQuietMartenLogger(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Marten changed the schema: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command) { }

    public void LogSuccess(NpgsqlBatch batch) { }

    public void LogFailure(NpgsqlCommand command, Exception exception) => Failed(exception, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception exception) =>
        Failed(exception, string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception exception, string message) => Failed(exception, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Failed(Exception exception, string what)
    {
        if (ErrorHandlingMiddleware.Classify(exception, conditional: false) is { Status: < 500 })
            logger.LogDebug("Marten command refused by the database: {Reason}", exception.Message);
        else
            logger.LogError(exception, "Marten command failed: {Command}", what);
    }
}

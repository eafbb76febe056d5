using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// The documents of capture jobs still to run, in chunks beside the job, so that a job accepted (202) survives a
/// restart of the API and any node can finish it. Written and read a chunk at a time: never a whole document in memory.
/// </summary>
public sealed class CaptureDocuments(NpgsqlDataSource dataSource, string schema)
{
    public const string TableName = "epcis_capture_documents";
    private const int ChunkBytes = 1024 * 1024;

    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<Guid>("capture_id").AsPrimaryKey();
        table.AddColumn<int>("chunk").AsPrimaryKey();
        table.AddColumn("bytes", "bytea").NotNull();
        return table;
    }

    /// <summary>Writes <paramref name="document"/> in the transaction that also stores its job.</summary>
    public async Task SaveAsync(NpgsqlTransaction transaction, Guid captureId, Stream document, CancellationToken cancellation)
    {
        var buffer = new byte[ChunkBytes];
        await using var insert = new NpgsqlCommand(
            $"insert into {schema}.{TableName} (capture_id, chunk, bytes) values ($1, $2, $3)", transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = captureId });
        var chunk = new NpgsqlParameter<int>();
        insert.Parameters.Add(chunk);
        var bytes = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
        for (var number = 0; ; number++)
        {
            var read = await document.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation);
            if (read == 0) break;
            (chunk.TypedValue, bytes.Value, bytes.Size) = (number, buffer, read);
            await insert.ExecuteNonQueryAsync(cancellation);
        }
    }

    /// <summary>Copies the job's document into <paramref name="target"/>, a chunk at a time.</summary>
    public async Task CopyToAsync(Guid captureId, Stream target, CancellationToken cancellation)
    {
        await using var select = dataSource.CreateCommand(
            $"select bytes from {schema}.{TableName} where capture_id = $1 order by chunk");
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = captureId });
        await using var reader = await select.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            await using var chunk = await reader.GetStreamAsync(0, cancellation);
            await chunk.CopyToAsync(target, cancellation);
        }
    }

    public async Task DeleteAsync(Guid captureId, CancellationToken cancellation)
    {
        await using var delete = dataSource.CreateCommand($"delete from {schema}.{TableName} where capture_id = $1");
        delete.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = captureId });
        await delete.ExecuteNonQueryAsync(cancellation);
    }
}

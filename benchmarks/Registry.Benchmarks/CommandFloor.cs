using Npgsql;
using NpgsqlTypes;

namespace Registry.Benchmarks;

/// <summary>
/// The database's floor under a <c>RegisterLot</c>: the rows the command writes (stream, event with its hash-chain
/// trigger, lot document, idempotency record) into the registry's own tables, straight from Npgsql, one transaction
/// per command, no HTTP, no Marten, no Wolverine. The rows copy a command's real ones with fresh ids and lot numbers, so
/// they are valid history a later rebuild replays.
/// </summary>
public static class CommandFloor
{
    private const string Schema = "registry";

    public static async Task<LatencyResult> RegisterLotsAsync(string connectionString, int clients, TimeSpan duration)
    {
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ToString());
        var template = await Template.OfLatestCommandAsync(data);
        var run = Guid.NewGuid().ToString("N")[..8];
        return await Latency.MeasureAsync(clients, duration, async (client, n) =>
        {
            var (lotId, number, key) = (Guid.CreateVersion7(), $"FLOOR-{run}-{client}-{n}", $"floor-{run}-{client}-{n}");
            string Fresh(string json) => json.Replace(template.LotId.ToString(), lotId.ToString()).Replace(template.LotNumber, number);
            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command($"insert into {Schema}.mt_streams (id, type, version) values ($1, 'lot', 1)", lotId),
                    Command($"insert into {Schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type) " +
                            $"values (nextval('{Schema}.mt_events_sequence'), $1, $2, 1, $3::jsonb, 'lot_registered', now(), $4)",
                        Guid.CreateVersion7(), lotId, Fresh(template.Event), template.EventType),
                    Command($"insert into {Schema}.mt_doc_lot (id, data, mt_dotnet_type, mt_version, holder_id, owner_id, lot_number) " +
                            "values ($1, $2::jsonb, 'Registry.Domain.Lots.Lot', 1, $3, $3, $4)",
                        lotId, Fresh(template.Lot), template.OwnerId, number),
                    Command($"insert into {Schema}.mt_doc_idempotencyrecord (id, data, mt_dotnet_type) values ($1, $2::jsonb, " +
                            "'Registry.Api.Infrastructure.Idempotency.IdempotencyRecord')",
                        $"{template.OwnerId}:{key}", Fresh(template.Record)),
                },
            };
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return true;
        });
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = TypeOf(value) });
        return command;
    }

    private static NpgsqlDbType TypeOf(object value) => value is Guid ? NpgsqlDbType.Uuid : NpgsqlDbType.Text;

    /// <summary>The rows of the last lot a command registered: its event, document and idempotency record.</summary>
    private sealed record Template(Guid LotId, string LotNumber, Guid OwnerId, string Event, string EventType, string Lot, string Record)
    {
        public static async Task<Template> OfLatestCommandAsync(NpgsqlDataSource data)
        {
            await using var command = data.CreateCommand(
                $"""
                select d.id, d.lot_number, d.owner_id, e.data::text, e.mt_dotnet_type, d.data::text, r.data::text
                from {Schema}.mt_doc_lot d
                join {Schema}.mt_events e on e.stream_id = d.id and e.version = 1 and e.type = 'lot_registered'
                join {Schema}.mt_doc_idempotencyrecord r on r.id = d.owner_id || ':cmd-' || substring(d.lot_number from 5)
                where d.lot_number like 'CMD-%' and d.mt_version = 1
                order by e.seq_id desc limit 1
                """);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) throw new InvalidOperationException("No lot registered by the command benchmark to copy.");
            return new(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6));
        }
    }
}

using Npgsql;
using NpgsqlTypes;
using Registry.Api.Infrastructure;

namespace Registry.Api.Reads;

/// <summary>A recorded read of one of the owner's lots: by whom, through which field, in which hour (first at <c>FirstReadAt</c>).</summary>
public sealed record LotReadRecord(long Seq, Guid LotId, Guid ReaderId, string Field, DateTimeOffset Hour, DateTimeOffset FirstReadAt);

public sealed record LotReadPage(IReadOnlyList<LotReadRecord> Reads, bool HasNextPage, long? EndCursor);

public sealed class LotReadQueries(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 500;

    /// <summary>The owner's lots' reads, newest first, after the cursor (a <c>seq</c>) when given.</summary>
    public async Task<LotReadPage> OfOwnerAsync(Guid owner, int first, long? after, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select seq, lot_id, reader_id, field, hour, first_read_at from {MartenSetup.Schema}.{LotReadTable.Name} " +
            "where owner_id = $1 and ($2::bigint is null or seq < $2) order by seq desc limit $3");
        command.Parameters.Add(new NpgsqlParameter { Value = owner, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<LotReadRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add(new(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        var page = rows.Take(first).ToList();
        return new LotReadPage(page, rows.Count > first, page.LastOrDefault()?.Seq);
    }
}

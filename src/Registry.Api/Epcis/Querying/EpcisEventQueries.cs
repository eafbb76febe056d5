using System.Security.Claims;
using Npgsql;
using NpgsqlTypes;
using Registry.Api.Auth;
using Registry.Api.Epcis.Storing;
using Registry.Api.Infrastructure;

namespace Registry.Api.Epcis.Querying;

/// <summary>Who reads: an organization sees the events it captured and those about a lot it may see
/// (<see cref="Registry.Domain.Lots.Lot.IsVisibleTo"/> at <c>Now</c>); ministries and admins see every event.</summary>
public sealed record EpcisViewer(Guid OrganizationId, bool SeesAll, DateTimeOffset Now)
{
    public static EpcisViewer Of(ClaimsPrincipal user, TimeProvider time) => new(user.OrganizationId(), user.SeesEveryLot(), time.GetUtcNow());
}

/// <summary>A stored event as answered: its JSON-LD and the prefixes its keys use (both JSON texts), and the registry
/// lots it is about (whose reads are recorded).</summary>
public sealed record EpcisEventRow(long Seq, DateTimeOffset OrderTime, string Document, string Context, IReadOnlyList<Guid> LotIds);

/// <summary>What an event is, without its document.</summary>
public sealed record EpcisEventSummary(string EventId, string EventType, string? BizStep, DateTimeOffset EventTime);

/// <param name="Next">Where the next page starts, when there is one.</param>
public sealed record EpcisEventPage(IReadOnlyList<EpcisEventRow> Events, PageToken? Next);

/// <summary>
/// The EPCIS query side over <see cref="EpcisEventTable"/>: parameterized SQL only, each filter on the column or array
/// its index covers (GIN <c>&amp;&amp;</c> for the MATCH_ parameters, btree (time, seq) for the time windows and keyset
/// paging), visibility by the caller's lots (listed first, or an <c>exists</c> per row for a caller of very many lots), every
/// statement under a server-side timeout.
/// </summary>
public sealed class EpcisEventQueries(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>No query runs longer; one that would is refused (413, QueryTooComplexException).</summary>
    public static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(5);

    private string Table => $"{schema}.{EpcisEventTable.Name}";

    /// <summary>One page of the events matching <paramref name="query"/> that <paramref name="viewer"/> may see.</summary>
    public async Task<EpcisEventPage> QueryAsync(EpcisQuery query, EpcisViewer viewer, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var sql = new Sql();
        var time = query.OrderBy == EpcisOrder.EventTime ? "e.event_time" : "e.record_time";
        var where = Filters(query, sql).ToList();
        if (query.After is { } after)
            where.Add($"({time}, e.seq) {(query.Descending ? "<" : ">")} ({sql.Add(after.Time.ToUniversalTime(), NpgsqlDbType.TimestampTz)}, " +
                      $"{sql.Add(after.Seq, NpgsqlDbType.Bigint)})");
        if (await VisibilityAsync(viewer, sql, connection, cancellation) is { } visible) where.Add(visible);
        var direction = query.Descending ? "desc" : "asc";
        var text =
            $"select e.seq, {time}, e.document::text, e.context::text, e.lot_ids from {Table} e" +
            (where.Count > 0 ? " where " + string.Join(" and ", where) : "") +
            $" order by {time} {direction}, e.seq {direction} limit {sql.Add(query.PerPage + 1, NpgsqlDbType.Integer)}";

        var rows = await ReadAsync(connection, text, sql, cancellation);
        if (rows.Count <= query.PerPage) return new EpcisEventPage(rows, null);
        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new EpcisEventPage(rows, new PageToken(query.OrderBy, query.Descending, last.OrderTime, last.Seq));
    }

    /// <summary>The event whose eventID or Event Hash ID is <paramref name="id"/>, when <paramref name="viewer"/> may
    /// see it (the first stored, should two events share an eventID).</summary>
    public async Task<EpcisEventRow?> FindAsync(string id, EpcisViewer viewer, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var sql = new Sql();
        var value = sql.Add(id, NpgsqlDbType.Text);
        var visible = await VisibilityAsync(viewer, sql, connection, cancellation);
        var rows = await ReadAsync(connection,
            $"select e.seq, e.record_time, e.document::text, e.context::text, e.lot_ids from {Table} e " +
            $"where (e.event_id = {value} or e.event_hash = {value})" + (visible is null ? "" : " and " + visible) +
            " order by e.seq limit 1", sql, cancellation);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The first <paramref name="max"/> events about the registry lot, in event-time order (index ix_epcis_events_lot_ids),
    /// for a caller already allowed to see the lot: a passport's chain of custody.
    /// </summary>
    public async Task<IReadOnlyList<EpcisEventSummary>> AboutLotAsync(Guid lotId, int max, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        var sql = new Sql();
        var text = $"select e.event_id, e.event_type, e.biz_step, e.event_time from {Table} e " +
                   $"where e.lot_ids && {sql.Add(new[] { lotId }, NpgsqlDbType.Array | NpgsqlDbType.Uuid)} " +
                   $"order by e.event_time, e.seq limit {sql.Add(max, NpgsqlDbType.Integer)}";
        var events = new List<EpcisEventSummary>();
        await using var batch = Timed(connection, sql.Command(text));
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        await reader.NextResultAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            events.Add(new EpcisEventSummary(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        return events;
    }

    private static IEnumerable<string> Filters(EpcisQuery q, Sql sql)
    {
        if (q.EventTypes is { Length: 1 } oneType) yield return $"e.event_type = {sql.Add(oneType[0], NpgsqlDbType.Text)}";
        else if (q.EventTypes is { } types) yield return $"e.event_type = any({sql.Texts(types)})";
        if (q.GeEventTime is { } geEvent) yield return $"e.event_time >= {sql.Time(geEvent)}";
        if (q.LtEventTime is { } ltEvent) yield return $"e.event_time < {sql.Time(ltEvent)}";
        if (q.GeRecordTime is { } geRecord) yield return $"e.record_time >= {sql.Time(geRecord)}";
        if (q.LtRecordTime is { } ltRecord) yield return $"e.record_time < {sql.Time(ltRecord)}";
        if (q.Actions is { } actions) yield return $"e.action = any({sql.Texts(actions)})";
        if (q.BizSteps is { } bizSteps) yield return $"e.biz_step = any({sql.Texts(bizSteps)})";
        if (q.Dispositions is { } dispositions) yield return $"e.disposition = any({sql.Texts(dispositions)})";
        if (q.ReadPoints is { } readPoints) yield return $"e.read_point = any({sql.Texts(readPoints)})";
        if (q.BizLocations is { } bizLocations) yield return $"e.biz_location = any({sql.Texts(bizLocations)})";
        if (q.TransformationIds is { } transformations) yield return $"e.transformation_id = any({sql.Texts(transformations)})";
        if (q.EventIds is { } ids)
        {
            var p = sql.Texts(ids);
            yield return $"(e.event_id = any({p}) or e.event_hash = any({p}))";
        }
        // The epcs array holds every EPC the event names (both spellings): its GIN index finds the candidates, the
        // document then says in which list the EPC stands.
        if (q.Epcs is { } epcs)
        {
            var p = sql.Texts(epcs);
            yield return $"(e.epcs && {p} and (e.document -> 'epcList' ?| {p} or e.document -> 'childEPCs' ?| {p}))";
        }
        if (q.ParentIds is { } parents)
        {
            var p = sql.Texts(parents);
            yield return $"(e.epcs && {p} and e.document ->> 'parentID' = any({p}))";
        }
        if (q.InputEpcs is { } inputs)
        {
            var p = sql.Texts(inputs);
            yield return $"(e.epcs && {p} and e.document -> 'inputEPCList' ?| {p})";
        }
        if (q.OutputEpcs is { } outputs)
        {
            var p = sql.Texts(outputs);
            yield return $"(e.epcs && {p} and e.document -> 'outputEPCList' ?| {p})";
        }
        if (q.AnyEpcs is { } anyEpcs) yield return $"e.epcs && {sql.Texts(anyEpcs)}";
        // epc_classes holds the classes of every quantity list: a TransformationEvent's are its inputs' and outputs',
        // which MATCH_epcClass (quantityList, childQuantityList) does not name.
        if (q.EpcClasses is { } classes)
            yield return $"(e.epc_classes && {sql.Texts(classes)} and e.event_type <> 'TransformationEvent')";
        // Inputs' and outputs' classes are among epc_classes, whose GIN index finds the candidates; the lists, unindexed
        // (an index fewer for every write to keep), say on which side the class stands.
        if (q.InputClasses is { } inputClasses)
        {
            var p = sql.Texts(inputClasses);
            yield return $"(e.epc_classes && {p} and e.input_classes && {p})";
        }
        if (q.OutputClasses is { } outputClasses)
        {
            var p = sql.Texts(outputClasses);
            yield return $"(e.epc_classes && {p} and e.output_classes && {p})";
        }
        if (q.AnyClasses is { } anyClasses) yield return $"e.epc_classes && {sql.Texts(anyClasses)}";
        // One quantity of the event within both bounds.
        if (q.GeQuantity is not null || q.LtQuantity is not null)
            yield return "exists (select 1 from unnest(e.quantities) q(quantity) where " + string.Join(" and ",
                new[]
                {
                    q.GeQuantity is { } ge ? $"q.quantity >= {sql.Add(ge, NpgsqlDbType.Numeric)}" : null,
                    q.LtQuantity is { } lt ? $"q.quantity < {sql.Add(lt, NpgsqlDbType.Numeric)}" : null,
                }.OfType<string>()) + ")";
    }

    /// <summary>Beyond this many lots, a company's visibility is checked row by row rather than listed.</summary>
    public const int MaxListedLots = 10_000;

    /// <summary>
    /// The rows a company may read: its own captures, and those naming a lot it may see (<see cref="LotVisibilitySql"/>,
    /// <see cref="Registry.Domain.Lots.Lot.IsVisibleTo"/>). Null: every row. The company's lots
    /// are listed first (indexes lot_custodians and lot_grantees), so that the planner sees them and can read the few rows of a company that
    /// sees little by captured_by and the lot_ids GIN index; one that holds more lots than <see cref="MaxListedLots"/>
    /// sees many rows, which a scan in time order finds soon, checking each against the lots.
    /// </summary>
    private async Task<string?> VisibilityAsync(EpcisViewer viewer, Sql sql, NpgsqlConnection connection, CancellationToken cancellation)
    {
        if (viewer.SeesAll) return null;
        var organization = sql.Add(viewer.OrganizationId, NpgsqlDbType.Uuid);
        var lookup = new Sql();
        var lots = new List<Guid>();
        await using (var batch = Timed(connection, lookup.Command(
            $"select l.id from {schema}.mt_doc_lot l where {Visible(lookup, viewer)} limit {MaxListedLots + 1}")))
        await using (var reader = await batch.ExecuteReaderAsync(cancellation))
        {
            await reader.NextResultAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) lots.Add(reader.GetGuid(0));
        }
        return lots.Count <= MaxListedLots
            ? $"(e.captured_by = {organization} or e.lot_ids && {sql.Add(lots.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)})"
            : $"(e.captured_by = {organization} or exists (select 1 from {schema}.mt_doc_lot l where l.id = any(e.lot_ids) " +
              $"and {Visible(sql, viewer)}))";
    }

    private static string Visible(Sql sql, EpcisViewer viewer) => LotVisibilitySql.VisibleToCompany("l",
        sql.Add(viewer.OrganizationId.ToString("D"), NpgsqlDbType.Text), sql.Time(viewer.Now));

    private static async Task<List<EpcisEventRow>> ReadAsync(
        NpgsqlConnection connection, string text, Sql sql, CancellationToken cancellation)
    {
        var rows = new List<EpcisEventRow>();
        await using var batch = Timed(connection, sql.Command(text));
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        await reader.NextResultAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add(new EpcisEventRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<Guid[]>(4)));
        return rows;
    }

    /// <summary>One round trip, one implicit transaction: the timeout holds for the statement that follows it, and
    /// only for it.</summary>
    private static NpgsqlBatch Timed(NpgsqlConnection connection, NpgsqlBatchCommand command) => new(connection)
    {
        BatchCommands =
        {
            new NpgsqlBatchCommand($"select set_config('statement_timeout', '{(int)StatementTimeout.TotalMilliseconds}', true)"),
            command,
        },
    };

    /// <summary>The parameters of one statement, referred to as <c>$1</c>, <c>$2</c>...: values never enter its text.</summary>
    private sealed class Sql
    {
        private readonly List<NpgsqlParameter> parameters = [];

        public string Add(object value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return "$" + parameters.Count;
        }

        public string Texts(string[] values) => Add(values, NpgsqlDbType.Array | NpgsqlDbType.Text);

        public string Time(DateTimeOffset time) => Add(time.ToUniversalTime(), NpgsqlDbType.TimestampTz);

        public NpgsqlBatchCommand Command(string text)
        {
            var command = new NpgsqlBatchCommand(text);
            command.Parameters.AddRange(parameters.ToArray());
            return command;
        }
    }
}

using Marten;
using Marten.Schema;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.Integrity;

/// <summary>
/// The hash chain's tables and triggers (docs/adr/0013). Every event row, whichever door wrote it, gets its hash in
/// the same transaction from a trigger on <c>mt_events</c>; the history and the chain refuse updates and deletes.
/// Applied after Marten's own migration, idempotently, at every start.
/// </summary>
public sealed class ChainSchema(IntegritySettings settings, NpgsqlDataSource dataSource) : IInitialData
{
    public const string Schema = MartenSetup.Schema;
    public const string Hashes = $"{Schema}.chain_event_hashes";
    public const string Links = $"{Schema}.chain_links";
    public const string Checkpoints = $"{Schema}.chain_checkpoints";
    public const string DevelopmentKeys = $"{Schema}.chain_development_keys";
    /// <summary>SQLSTATE of a refused rewrite.</summary>
    public const string RewriteRefused = "RG001";

    private const string Tables = $"""
        create table if not exists {Hashes} (
            seq_id bigint primary key, stream_id uuid not null, version bigint not null, hash bytea not null);
        create unique index if not exists chain_event_hashes_stream on {Hashes} (stream_id, version);
        create table if not exists {Links} (seq_id bigint primary key, link bytea not null);
        create table if not exists {Checkpoints} (
            sequence bigint primary key, link bytea not null, signed_at timestamptz not null, key_id text not null,
            signature bytea not null);
        """;

    /// <summary>
    /// The event hash, as <see cref="EventHash.Of"/> computes it: the stream's previous hash, then the event's
    /// fields, one a line. Once per statement over its rows (a COPY of thousands costs one insert, not a lookup and an
    /// insert each): a running aggregate per stream chains each row onto the one before it in the statement, the
    /// first onto the hash stored for the version before.
    /// </summary>
    private static readonly string HashTrigger = $$"""
        create or replace function {{Schema}}.chain_link(state bytea, prior bytea, payload bytea) returns bytea
            language sql immutable as $$ select sha256(coalesce(state, prior, '\x{{EventHash.GenesisHex}}'::bytea) || payload) $$;
        create or replace aggregate {{Schema}}.chain_hash(bytea, bytea) (sfunc = {{Schema}}.chain_link, stype = bytea);
        create or replace function {{Schema}}.chain_hash_events() returns trigger language plpgsql as $$
        begin
            insert into {{Hashes}} (seq_id, stream_id, version, hash)
            select n.seq_id, n.stream_id, n.version, {{Schema}}.chain_hash(
                (select p.hash from {{Hashes}} p where p.stream_id = n.stream_id and p.version = n.version - 1), convert_to(format(
                    E'{{EventHash.Format}}\n%s\n%s\n%s\n%s\n%s\n%s\n%s', n.seq_id, n.id, n.stream_id, n.version,
                    n.type, (extract(epoch from n.timestamp) * 1000000)::bigint, n.data::text), 'UTF8'))
                over (partition by n.stream_id order by n.version)
            -- A subquery per row, not a join: the transition table has no statistics, and a join planned for
            -- thousands of rows would scan every stored hash for a single appended event.
            from new_events n;
            return null;
        end $$;
        drop trigger if exists chain_hash_event on {{Schema}}.mt_events;
        drop function if exists {{Schema}}.chain_hash_event();
        create or replace trigger chain_hash_events after insert on {{Schema}}.mt_events
            referencing new table as new_events for each statement execute function {{Schema}}.chain_hash_events();
        """;

    /// <summary>Rows are never changed or removed; Marten may still archive a stream (a flag the hash does not cover).</summary>
    private const string AppendOnly = $$"""
        create or replace function {{Schema}}.chain_refuse_rewrite() returns trigger language plpgsql as $$
        begin
            -- Nested: PL/pgSQL may evaluate every operand, and only mt_events has these columns.
            if tg_op = 'UPDATE' and tg_table_name = 'mt_events' then
                if (new.seq_id, new.id, new.stream_id, new.version, new.type, new.timestamp, new.data, new.bdata)
                   is not distinct from (old.seq_id, old.id, old.stream_id, old.version, old.type, old.timestamp, old.data, old.bdata) then
                    return new;
                end if;
            end if;
            raise exception 'registry: % of %.% refused: the history is append-only', tg_op, tg_table_schema, tg_table_name
                using errcode = '{{RewriteRefused}}';
        end $$;
        """;

    private static readonly string[] AppendOnlyTables = [$"{Schema}.mt_events", Hashes, Links, Checkpoints];

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(Script(settings.HashEvents));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public static string Script(bool hashEvents) =>
        Tables + AppendOnly +
        (hashEvents ? HashTrigger : $"drop trigger if exists chain_hash_events on {Schema}.mt_events;\n") +
        string.Concat(AppendOnlyTables.Select(table => $"""
            create or replace trigger chain_append_only before update or delete on {table}
                for each row execute function {Schema}.chain_refuse_rewrite();
            create or replace trigger chain_append_only_truncate before truncate on {table}
                for each statement execute function {Schema}.chain_refuse_rewrite();

            """));
}

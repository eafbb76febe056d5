using Weasel.Postgresql.Tables;

namespace Registry.Api.Epcis.Storing;

/// <summary>
/// The EPCIS repository's events, captured or exported from lot events, one row each: the event as it is answered
/// (<c>document</c>, with <c>recordTime</c>, <c>eventID</c> and <c>cmr:eventHash</c>) and, beside it, the fields the
/// query parameters match, in columns and arrays under indexes, so that a query never scans the table.
/// </summary>
public static class EpcisEventTable
{
    public const string Name = "epcis_events";

    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{Name}");
        table.AddColumn("seq", "bigserial").AsPrimaryKey();
        table.AddColumn("event_hash", "text").NotNull();
        table.AddColumn("event_id", "text").NotNull();
        table.AddColumn("event_type", "text").NotNull();
        table.AddColumn("event_time", "timestamptz").NotNull();
        table.AddColumn("record_time", "timestamptz").NotNull();
        foreach (var column in new[] { "action", "biz_step", "disposition", "read_point", "biz_location", "transformation_id" })
            table.AddColumn(column, "text");
        // Every EPC (epcList, parentID, childEPCs, input/output EPCs) and every class (each quantity list), LGTINs also
        // in their canonical Digital Link, so that MATCH_epcClass finds them however they were written.
        foreach (var column in new[] { "epcs", "epc_classes", "input_classes", "output_classes" })
            table.AddColumn(column, "text[]").NotNull().DefaultValueByExpression("'{}'");
        table.AddColumn("quantities", "numeric[]").NotNull().DefaultValueByExpression("'{}'");
        // The organization that captured the event (or whose command it exports), and the registry lots it is about:
        // who may read it (a company: its own events and those about lots it may see).
        table.AddColumn<Guid>("captured_by").NotNull();
        table.AddColumn("lot_ids", "uuid[]").NotNull().DefaultValueByExpression("'{}'");
        table.AddColumn<Guid>("capture_id");
        table.AddColumn("document", "jsonb").NotNull();
        // The prefixes the event's keys use, with their IRIs, for the @context of the documents that answer it.
        table.AddColumn("context", "jsonb").NotNull().DefaultValueByExpression("'{}'");

        table.Indexes.Add(new IndexDefinition($"ux_{Name}_hash") { Columns = ["event_hash"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_event_id") { Columns = ["event_id"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_event_time") { Columns = ["event_time", "seq"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_record_time") { Columns = ["record_time", "seq"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_type_time") { Columns = ["event_type", "event_time", "seq"] });
        foreach (var column in new[] { "epcs", "epc_classes", "lot_ids" })
            table.Indexes.Add(new IndexDefinition($"ix_{Name}_{column}") { Columns = [column], Method = IndexMethod.gin });
        // A company's own events in a time window (its visibility's first half; lot_ids' GIN index the second).
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_captured_by") { Columns = ["captured_by", "record_time"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_captured_by_event_time") { Columns = ["captured_by", "event_time"] });
        return table;
    }
}

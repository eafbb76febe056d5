using Weasel.Postgresql.Tables;

namespace Registry.Api.Reads;

/// <summary>
/// Who read a company's lots (docs/adr/0014): one row per lot, reader, field and hour, the first read of that hour
/// kept; later reads of the hour add nothing. <c>seq</c> orders an owner's rows newest first for paging.
/// </summary>
public static class LotReadTable
{
    public const string Name = "lot_reads";

    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{Name}");
        table.AddColumn("seq", "bigserial").AsPrimaryKey();
        table.AddColumn<Guid>("owner_id").NotNull();
        table.AddColumn<Guid>("lot_id").NotNull();
        table.AddColumn<Guid>("reader_id").NotNull();
        table.AddColumn("field", "text").NotNull();
        table.AddColumn("hour", "timestamptz").NotNull();
        table.AddColumn("first_read_at", "timestamptz").NotNull();
        table.Indexes.Add(new IndexDefinition($"ux_{Name}_key") { Columns = ["lot_id", "reader_id", "field", "hour"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_owner") { Columns = ["owner_id", "seq"] });
        return table;
    }
}

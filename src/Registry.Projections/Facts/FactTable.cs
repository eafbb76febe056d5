using System.Text;
using Marten;

namespace Registry.Projections.Facts;

/// <summary>Writes fact rows in multi-row inserts, keyed so that a batch the daemon retries cannot count twice.</summary>
public static class FactTable
{
    private const int RowsPerInsert = 1000;

    /// <summary>
    /// Masses are kept to the microgram (9 decimals of kg). Products of masses, fractions and shares carry 20+
    /// decimals, and a sum of those would no longer fit a .NET decimal once read back.
    /// </summary>
    public static decimal Stored(decimal kg) => Math.Round(kg, 9, MidpointRounding.ToEven);

    public static void QueueInserts(
        IDocumentOperations operations, string tableName, IReadOnlyList<string> columns, IReadOnlyList<object[]> rows)
    {
        var table = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{tableName}";
        var placeholders = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Count)) + ")";
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder($"insert into {table} ({string.Join(", ", columns)}) values ")
                .AppendJoin(", ", Enumerable.Repeat(placeholders, chunk.Length))
                .Append(" on conflict do nothing").ToString();
            operations.QueueSqlCommand(sql, chunk.SelectMany(r => r).ToArray());
        }
    }
}

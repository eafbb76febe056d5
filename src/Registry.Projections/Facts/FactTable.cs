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
        IDocumentOperations operations, string tableName, IReadOnlyList<string> columns, IReadOnlyList<object[]> rows) =>
        Queue(operations, tableName, columns, rows, insert => insert);

    /// <summary>
    /// Inserts the rows and adds the ones actually inserted (not those a retried batch already wrote) to a totals
    /// table keyed by <paramref name="keys"/>, summing <paramref name="sums"/>, in the same statement.
    /// </summary>
    public static void QueueInsertsAddingUp(
        IDocumentOperations operations, string tableName, IReadOnlyList<string> columns, IReadOnlyList<object[]> rows,
        string totalsTableName, IReadOnlyList<string> keys, IReadOnlyList<string> sums)
    {
        var totals = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{totalsTableName}";
        var (keyList, sumList) = (string.Join(", ", keys), string.Join(", ", sums));
        Queue(operations, tableName, columns, rows, insert => $"""
            with inserted as ({insert} returning {keyList}, {sumList})
            insert into {totals} ({keyList}, {sumList})
            select {keyList}, {string.Join(", ", sums.Select(c => $"sum({c})"))} from inserted group by {keyList}
            on conflict ({keyList}) do update set {string.Join(", ", sums.Select(c => $"{c} = {totals}.{c} + excluded.{c}"))}
            """);
    }

    private static void Queue(
        IDocumentOperations operations, string tableName, IReadOnlyList<string> columns, IReadOnlyList<object[]> rows,
        Func<string, string> statement)
    {
        var table = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{tableName}";
        var placeholders = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Count)) + ")";
        foreach (var chunk in rows.Chunk(RowsPerInsert))
        {
            var insert = new StringBuilder($"insert into {table} ({string.Join(", ", columns)}) values ")
                .AppendJoin(", ", Enumerable.Repeat(placeholders, chunk.Length))
                .Append(" on conflict do nothing").ToString();
            operations.QueueSqlCommand(statement(insert), chunk.SelectMany(r => r).ToArray());
        }
    }
}

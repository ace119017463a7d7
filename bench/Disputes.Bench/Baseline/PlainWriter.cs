using System.Collections.Concurrent;
using Npgsql;

namespace Disputes.Bench.Baseline;

/// <summary>Writes template rows into the scratch tables with nothing but Npgsql: batched INSERTs, or binary COPY.</summary>
public static class PlainWriter
{
    private static readonly ConcurrentDictionary<string, string> InsertSql = new(StringComparer.Ordinal);

    /// <summary>Adds one INSERT per row to <paramref name="batch"/>.</summary>
    public static void AddInserts(NpgsqlBatch batch, IReadOnlyList<TableRows> tables)
    {
        foreach (var table in tables)
        {
            var sql = InsertSql.GetOrAdd(table.Table, _ =>
                $"insert into {ScratchTables.Schema}.{table.Table} ({string.Join(", ", table.Columns.Select(Quote))}) " +
                $"values ({string.Join(", ", table.Columns.Select((_, i) => $"${i + 1}"))})");
            foreach (var row in table.Rows)
            {
                var command = new NpgsqlBatchCommand(sql);
                for (var i = 0; i < row.Length; i++)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = row[i] ?? DBNull.Value, DataTypeName = table.DataTypes[i] });
                }

                batch.BatchCommands.Add(command);
            }
        }
    }

    /// <summary>One transaction inserting <paramref name="tables"/> in one round trip.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<TableRows> tables, CancellationToken cancellation)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            AddInserts(batch, tables);
            await batch.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
    }

    /// <summary>One transaction copying the rows of many disputes with binary COPY, one COPY per table.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<IReadOnlyList<TableRows>> disputes, CancellationToken cancellation)
    {
        if (disputes.Count == 0)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        for (var t = 0; t < disputes[0].Count; t++)
        {
            var shape = disputes[0][t];
            await using var importer = await connection.BeginBinaryImportAsync(
                $"copy {ScratchTables.Schema}.{shape.Table} ({string.Join(", ", shape.Columns.Select(Quote))}) from stdin (format binary)",
                cancellation);
            foreach (var dispute in disputes)
            {
                foreach (var row in dispute[t].Rows)
                {
                    await importer.StartRowAsync(cancellation);
                    for (var i = 0; i < row.Length; i++)
                    {
                        if (row[i] is { } value)
                        {
                            await importer.WriteAsync(value, shape.DataTypes[i], cancellation);
                        }
                        else
                        {
                            await importer.WriteNullAsync(cancellation);
                        }
                    }
                }
            }

            await importer.CompleteAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
    }

    private static string Quote(string column) => $"\"{column}\"";
}

using System.Text;
using Npgsql;

namespace Disputes.Bench.Baseline;

/// <summary>Rows of one table, as read back from the service's database: column names, PostgreSQL types and values.</summary>
/// <param name="Table">Table name, without schema.</param>
/// <param name="Columns">Column names.</param>
/// <param name="DataTypes">PostgreSQL type of each column, as Npgsql names it.</param>
/// <param name="Rows">The values, one array per row.</param>
public sealed record TableRows(string Table, IReadOnlyList<string> Columns, IReadOnlyList<string> DataTypes, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Every row the service wrote for one dispute (stream, events, dispute document, clock rows and, for intake,
/// its deadline timers and any envelope naming it), captured from the service's own tables after a real run. The baseline
/// writes copies of these rows with a new dispute id and case number, so its rows are the service's, byte for byte
/// apart from the ids.
/// </summary>
public sealed class DisputeRowTemplate
{
    private readonly IReadOnlyList<TableRows> _tables;
    private readonly string _disputeId;
    private readonly string _caseNumber;

    private DisputeRowTemplate(IReadOnlyList<TableRows> tables, Guid disputeId, string caseNumber)
    {
        _tables = tables;
        _disputeId = disputeId.ToString();
        _caseNumber = caseNumber;
    }

    /// <summary>Reads the rows of <paramref name="disputeId"/> from schema <c>disputes</c>.</summary>
    /// <param name="connectionString">The scenario's database (read without NodaTime mappings: plain CLR values).</param>
    /// <param name="disputeId">A dispute the service wrote.</param>
    /// <param name="withTimers">Also its deadline timers and the durable envelopes whose bodies name the dispute (none when its
    /// instants' sweeps were scheduled by earlier intakes).</param>
    /// <param name="cancellation">Cancellation.</param>
    public static async Task<DisputeRowTemplate> CaptureAsync(string connectionString, Guid disputeId, bool withTimers, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        var tables = new List<TableRows>
        {
            await ReadAsync(connection, "mt_streams", "id = @id", disputeId, cancellation),
            await ReadAsync(connection, "mt_events", "stream_id = @id order by version", disputeId, cancellation),
            await ReadAsync(connection, "mt_doc_dispute", "id = @id", disputeId, cancellation),
            await ReadAsync(connection, "mt_doc_clockrow", "dispute_id = @id order by id", disputeId, cancellation),
        };
        if (withTimers)
        {
            tables.Add(await ReadAsync(connection, ScratchTables.TimersTable, "dispute_id = @id order by fires_at", disputeId, cancellation));
        }

        if (tables.Any(t => t.Rows.Count == 0))
        {
            throw new InvalidOperationException(
                $"Dispute {disputeId} has no rows in {string.Join(", ", tables.Where(t => t.Rows.Count == 0).Select(t => t.Table))}.");
        }

        if (withTimers)
        {
            var envelopes = await ReadAsync(connection, ScratchTables.EnvelopeTable,
                "position(convert_to(@id::text, 'UTF8') in body) > 0 order by execution_time", disputeId, cancellation);
            if (envelopes.Rows.Count > 0)
            {
                tables.Add(envelopes);
            }
        }

        var caseNumber = (string)tables[2].Rows[0][tables[2].Columns.ToList().IndexOf("data")]!;
        caseNumber = System.Text.Json.JsonDocument.Parse(caseNumber).RootElement.GetProperty("caseNumber").GetString()!;
        return new DisputeRowTemplate(tables, disputeId, caseNumber);
    }

    /// <summary>The template's rows for a new dispute: ids, case number and their mentions inside JSON and bodies replaced.</summary>
    public IReadOnlyList<TableRows> For(Guid disputeId, string caseNumber)
    {
        var newId = disputeId.ToString();
        return _tables.Select(table => table with
        {
            Rows = table.Rows.Select(row => row.Select((value, column) =>
                Substitute(table, table.Columns[column], value, disputeId, newId, caseNumber)).ToArray()).ToList(),
        }).ToList();
    }

    private object? Substitute(TableRows table, string column, object? value, Guid disputeId, string newId, string caseNumber) =>
        (table.Table, column, value) switch
        {
            ("mt_events", "id", _) or (ScratchTables.EnvelopeTable, "id", _) => Guid.CreateVersion7(),
            (_, "id" or "stream_id" or "dispute_id", Guid) => disputeId,
            (_, _, string text) => text.Replace(_disputeId, newId, StringComparison.Ordinal).Replace(_caseNumber, caseNumber, StringComparison.Ordinal),
            (_, _, byte[] bytes) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes)
                .Replace(_disputeId, newId, StringComparison.Ordinal).Replace(_caseNumber, caseNumber, StringComparison.Ordinal)),
            _ => value,
        };

    private static async Task<TableRows> ReadAsync(NpgsqlConnection connection, string table, string where, Guid disputeId, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select * from disputes.{table} where {where}", connection);
        command.Parameters.AddWithValue("id", disputeId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var columns = new List<string>();
        var types = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            // Marten assigns event sequence numbers itself; the copy's seq_id comes from its column default.
            if (table == "mt_events" && reader.GetName(i) == "seq_id")
            {
                continue;
            }

            columns.Add(reader.GetName(i));
            // Without the type modifier: character varying(32) -> character varying.
            var type = reader.GetDataTypeName(i);
            types.Add(type.Contains('(', StringComparison.Ordinal) ? type[..type.IndexOf('(', StringComparison.Ordinal)] : type);
        }

        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(columns.Select(c => reader.IsDBNull(reader.GetOrdinal(c)) ? null : reader.GetValue(reader.GetOrdinal(c))).ToArray());
        }

        return new TableRows(table, columns, types, rows);
    }
}

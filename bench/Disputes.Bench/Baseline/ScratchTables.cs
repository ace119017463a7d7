using Npgsql;

namespace Disputes.Bench.Baseline;

/// <summary>
/// The baseline's scratch tables in schema <c>bench</c>: copies of the service's own tables (<c>LIKE ... INCLUDING
/// ALL</c>: same columns, defaults, indexes, checks), with the foreign keys between them added back and sequences
/// of their own, so the baseline writes the same rows into the same structures, only with plain Npgsql.
/// </summary>
public static class ScratchTables
{
    public const string Schema = "bench";

    /// <summary>The service's tables one dispute's intake writes to.</summary>
    public static readonly IReadOnlyList<string> DisputeTables = ["mt_streams", "mt_events", "mt_doc_dispute", "mt_doc_clockrow"];

    /// <summary>The service's table of deadline timers not yet swept.</summary>
    public const string TimersTable = "deadline_timers";

    /// <summary>Wolverine's table of durable (incoming and scheduled) envelopes.</summary>
    public const string EnvelopeTable = "wolverine_incoming_envelopes";

    /// <summary>The sequence the baseline draws case numbers from, like the service's <c>case_number_seq</c>.</summary>
    public const string CaseNumberSequence = Schema + ".case_number_seq";

    /// <summary>(Re)creates <c>bench.&lt;table&gt;</c> for each of <paramref name="tables"/> of schema <c>disputes</c>.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, IEnumerable<string> tables, CancellationToken cancellation)
    {
        var names = tables.ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await ExecuteAsync(connection, $"drop schema if exists {Schema} cascade; create schema {Schema}; create sequence {CaseNumberSequence};", cancellation);
        foreach (var table in names)
        {
            await ExecuteAsync(connection, $"create table {Schema}.{table} (like disputes.{table} including all)", cancellation);
        }

        // Marten draws event sequence numbers from mt_events_sequence; the copy gets its own sequence as the column default.
        if (names.Contains("mt_events"))
        {
            await ExecuteAsync(connection,
                $"create sequence {Schema}.mt_events_sequence; alter table {Schema}.mt_events alter column seq_id set default nextval('{Schema}.mt_events_sequence')",
                cancellation);
        }

        foreach (var foreignKey in await ForeignKeysAsync(connection, names, cancellation))
        {
            await ExecuteAsync(connection, foreignKey, cancellation);
        }

        await ExecuteAsync(connection, $"analyze", cancellation);
    }

    /// <summary>The foreign keys between the copied tables, re-pointed at the copies.</summary>
    private static async Task<List<string>> ForeignKeysAsync(NpgsqlConnection connection, List<string> tables, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            """
            select source.relname, c.conname, pg_get_constraintdef(c.oid), target.relname
            from pg_constraint c
            join pg_class source on source.oid = c.conrelid
            join pg_class target on target.oid = c.confrelid
            join pg_namespace n on n.oid = source.relnamespace
            where c.contype = 'f' and n.nspname = 'disputes' and source.relname = any(@tables) and target.relname = any(@tables)
            """, connection);
        command.Parameters.AddWithValue("tables", tables.ToArray());
        var statements = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var definition = reader.GetString(2).Replace($"disputes.{reader.GetString(3)}", $"{Schema}.{reader.GetString(3)}", StringComparison.Ordinal);
            statements.Add($"alter table {Schema}.{reader.GetString(0)} add constraint {reader.GetString(1)} {definition}");
        }

        return statements;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}

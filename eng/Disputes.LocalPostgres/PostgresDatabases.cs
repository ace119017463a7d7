using System.Text.RegularExpressions;
using Npgsql;

namespace Disputes.LocalPostgres;

/// <summary>
/// Creates and drops databases on any PostgreSQL server, named by a connection string to any database of it (the
/// <c>postgres</c> maintenance database is used when it exists). Database names are letters, digits and underscores,
/// not starting with a digit, at most 63 characters.
/// </summary>
public static class PostgresDatabases
{
    private static readonly Regex DatabaseNamePattern = new("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// On the server named by <paramref name="serverConnectionString"/>, drops the database <paramref name="name"/> if
    /// present, creates it afresh, and returns <paramref name="serverConnectionString"/> with Database=<paramref name="name"/>.
    /// </summary>
    /// <param name="serverConnectionString">Connection string to any database of the server.</param>
    /// <param name="name">Letters, digits and underscores, not starting with a digit, at most 63 characters.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<string> CreateAsync(string serverConnectionString, string name, CancellationToken ct = default)
    {
        ValidateDatabaseName(name);
        await using var connection = await OpenMaintenanceConnectionAsync(serverConnectionString, ct).ConfigureAwait(false);
        var target = await DropCoreAsync(connection, serverConnectionString, name, ct).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE DATABASE {QuoteIdentifier(name)}", ct).ConfigureAwait(false);
        return target;
    }

    /// <summary>Creates the database <paramref name="name"/> on the server if it does not exist yet.</summary>
    public static async Task EnsureAsync(string serverConnectionString, string name, CancellationToken ct = default)
    {
        ValidateDatabaseName(name);
        await using var connection = await OpenMaintenanceConnectionAsync(serverConnectionString, ct).ConfigureAwait(false);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {QuoteIdentifier(name)}", ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently: fine.
        }
    }

    /// <summary>
    /// Drops the database <paramref name="name"/> if present, closing whatever is still connected to it
    /// (<c>WITH (FORCE)</c> from PostgreSQL 13 on).
    /// </summary>
    public static async Task DropAsync(string serverConnectionString, string name, CancellationToken ct = default)
    {
        ValidateDatabaseName(name);
        await using var connection = await OpenMaintenanceConnectionAsync(serverConnectionString, ct).ConfigureAwait(false);
        await DropCoreAsync(connection, serverConnectionString, name, ct).ConfigureAwait(false);
    }

    /// <summary>Drops <paramref name="name"/> if present; returns the connection string to it.</summary>
    private static async Task<string> DropCoreAsync(NpgsqlConnection connection, string serverConnectionString, string name,
        CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        var force = connection.PostgreSqlVersion.Major >= 13 ? " WITH (FORCE)" : "";
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)}{force}", ct).ConfigureAwait(false);
        // Pooled connections to the dropped database were terminated by the server: do not hand them out again.
        using (var pooled = new NpgsqlConnection(target))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        return target;
    }

    private static async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync(string serverConnectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        var original = builder.Database;
        builder.Database = "postgres";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && original is not null && original != "postgres")
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            builder.Database = original;
            connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void ValidateDatabaseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DatabaseNamePattern.IsMatch(name))
        {
            throw new ArgumentException(
                $"Database name '{name}' must be letters, digits and underscores, not start with a digit, at most 63 characters.",
                nameof(name));
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

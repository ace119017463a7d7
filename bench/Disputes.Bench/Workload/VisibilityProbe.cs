using System.Diagnostics;
using Npgsql;

namespace Disputes.Bench.Workload;

/// <summary>
/// Polls a read-model table over a connection of its own until a document appears, every millisecond or so:
/// the time from the write's start until a separate reader sees the result.
/// </summary>
public sealed class VisibilityProbe : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _exists;

    private VisibilityProbe(NpgsqlConnection connection, NpgsqlCommand exists)
    {
        _connection = connection;
        _exists = exists;
    }

    /// <summary>The poll interval asked of the timer (the real one is a little longer).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    /// <param name="connectionString">The scenario's database.</param>
    /// <param name="table">Schema-qualified table whose <c>id</c> column is polled.</param>
    /// <param name="cancellation">Cancellation.</param>
    public static async Task<VisibilityProbe> OpenAsync(string connectionString, string table, CancellationToken cancellation)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        var exists = new NpgsqlCommand($"select 1 from {table} where id = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { DataTypeName = "uuid", Value = Guid.Empty });
        await exists.PrepareAsync(cancellation);
        return new VisibilityProbe(connection, exists);
    }

    /// <summary>
    /// Milliseconds from <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) until <paramref name="id"/>
    /// is visible; null when <paramref name="write"/> ends without success and the row is still not there.
    /// </summary>
    public async Task<double?> WaitVisibleAsync(Guid id, long started, Task<bool> write, CancellationToken cancellation)
    {
        _exists.Parameters[0].Value = id;
        while (!cancellation.IsCancellationRequested)
        {
            var writeEnded = write.IsCompleted;
            if (await _exists.ExecuteScalarAsync(cancellation) is not null)
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            if (writeEnded && !await write)
            {
                return null;
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(1))
            {
                return null;
            }

            await Task.Delay(PollInterval, cancellation);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _exists.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

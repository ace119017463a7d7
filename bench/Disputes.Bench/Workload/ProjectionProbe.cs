using System.Diagnostics;
using Disputes.Projections.Progress;
using Marten;
using Npgsql;

namespace Disputes.Bench.Workload;

/// <summary>
/// Watches, on a connection of its own, for an asynchronous projection to have applied a dispute's first event:
/// the projection's progress row (<c>mt_event_progression</c>) at or past that event's sequence number.
/// </summary>
public sealed class ProjectionProbe : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _applied;

    private ProjectionProbe(NpgsqlConnection connection, NpgsqlCommand applied)
    {
        _connection = connection;
        _applied = applied;
    }

    /// <summary>Opens a probe of <paramref name="projection"/> (its shard <c>{projection}:All</c>) in <paramref name="schema"/>.</summary>
    public static async Task<ProjectionProbe> OpenAsync(string connectionString, string schema, string projection, CancellationToken cancellation)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        var applied = new NpgsqlCommand(
            $"""
             select 1 from {schema}.mt_event_progression p
             where p.name = '{projection}:All'
               and p.last_seq_id >= (select min(e.seq_id) from {schema}.mt_events e where e.stream_id = $1)
             """, connection);
        applied.Parameters.Add(new NpgsqlParameter { DataTypeName = "uuid", Value = Guid.Empty });
        await applied.PrepareAsync(cancellation);
        return new ProjectionProbe(connection, applied);
    }

    /// <summary>
    /// Polls every <see cref="VisibilityProbe.PollInterval"/> until the projection has applied stream
    /// <paramref name="id"/>; returns the milliseconds since <paramref name="started"/>, or null after a minute.
    /// </summary>
    public async Task<double?> WaitAppliedAsync(Guid id, long started, CancellationToken cancellation)
    {
        _applied.Parameters[0].Value = id;
        while (!cancellation.IsCancellationRequested && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(1))
        {
            if (await _applied.ExecuteScalarAsync(cancellation) is not null)
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            await Task.Delay(VisibilityProbe.PollInterval, cancellation);
        }

        return null;
    }

    /// <summary>
    /// Waits (at most two minutes) until <paramref name="projection"/> has applied every event written so far, as the
    /// service's own <see cref="ProjectionLag"/> reads it.
    /// </summary>
    public static async Task WaitCaughtUpAsync(IDocumentStore store, string projection, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            await using (var session = store.QuerySession())
            {
                if ((await ProjectionLag.ReadAsync(session, [projection], cancellation))[0].EventsBehind == 0)
                {
                    return;
                }
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"The {projection} projection did not catch up within two minutes of the warm-up.");
            }

            await Task.Delay(100, cancellation);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _applied.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

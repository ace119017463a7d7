using Disputes.Bench.Infrastructure;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Timers;

/// <summary>How a burst of deadlines, all due at one real instant, was recorded by the end of the wait.</summary>
/// <param name="Expected">Timers scheduled.</param>
/// <param name="Recorded">Distinct deadlines recorded.</param>
/// <param name="Duplicated">Records beyond the first for the same deadline.</param>
/// <param name="Pending">Deadlines not recorded yet but still waiting in the durable store (scheduled or queued): late, not lost.</param>
/// <param name="Lost">Deadlines neither recorded nor pending.</param>
/// <param name="WaitedSeconds">From the due instant to the end of the wait.</param>
/// <param name="AllRecordedAfterSeconds">From the due instant until the last deadline was recorded; null while some are pending.</param>
/// <param name="EstimatedAllRecordedAfterSeconds">When some are pending: the wait plus the pending ones at the observed rate.</param>
/// <param name="LatenessMs">Recorded time minus due instant, per recorded deadline (its first record).</param>
/// <param name="RecordsPerSecond">Recorded deadlines over the time from the due instant to the last record.</param>
public sealed record BreachTally(
    long Expected,
    long Recorded,
    long Duplicated,
    long Pending,
    long Lost,
    double WaitedSeconds,
    double? AllRecordedAfterSeconds,
    double? EstimatedAllRecordedAfterSeconds,
    LatencySummary LatenessMs,
    double RecordsPerSecond)
{
    /// <summary>Tallies the records against the due instant.</summary>
    /// <param name="dataSource">The scenario's database.</param>
    /// <param name="recordsSql">Rows of (deadline id uuid, real time recorded timestamptz).</param>
    /// <param name="pendingSql">How many of the burst's timers are still waiting in the durable store.</param>
    /// <param name="due">The real instant every deadline was due.</param>
    /// <param name="expected">How many were scheduled.</param>
    /// <param name="cancellation">Cancellation.</param>
    public static async Task<BreachTally> ReadAsync(NpgsqlDataSource dataSource, string recordsSql, string pendingSql, Instant due, long expected,
        CancellationToken cancellation)
    {
        var waited = (SystemClock.Instance.GetCurrentInstant() - due).TotalSeconds;
        var pending = await CountAsync(dataSource, pendingSql, cancellation);
        var first = new Dictionary<Guid, DateTime>();
        long rows = 0;
        await using (var command = dataSource.CreateCommand(recordsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rows++;
                var id = reader.GetGuid(0);
                var at = reader.GetFieldValue<DateTime>(1);
                if (!first.TryGetValue(id, out var known) || at < known)
                {
                    first[id] = at;
                }
            }
        }

        var dueUtc = due.ToDateTimeUtc();
        var lastAfter = first.Count > 0 ? (first.Values.Max() - dueUtc).TotalSeconds : 0;
        var rate = lastAfter > 0 ? first.Count / lastAfter : 0;
        var allRecorded = first.Count == expected && expected > 0;
        return new BreachTally(expected, first.Count, rows - first.Count, pending, Math.Max(0, expected - first.Count - pending),
            Math.Round(waited, 1),
            allRecorded ? Math.Round(lastAfter, 3) : null,
            !allRecorded && pending > 0 && rate > 0 ? Math.Round(waited + pending / rate, 0) : null,
            LatencySummary.Of(first.Values.Select(at => (at - dueUtc).TotalMilliseconds)),
            Math.Round(rate, 1));
    }

    /// <summary>The single count <paramref name="countSql"/> returns.</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string countSql, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(countSql);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }
}

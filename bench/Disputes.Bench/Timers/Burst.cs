using Disputes.Bench.Infrastructure;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Timers;

/// <summary>Timing of a burst of deadlines: when it is due, and the wait for it.</summary>
public static class Burst
{
    /// <summary>Timers scheduled (and not measured) before the rate is calibrated: warms up code and connections.</summary>
    public static int Warmup(int timers) => Math.Clamp(timers / 4, 20, 100);

    /// <summary>Timers scheduled to measure the scheduling rate (due a day later, so they never fire in the run).</summary>
    public static int Calibration(int timers) => Math.Max(Math.Min(100, timers / 2), timers / 20);

    /// <summary>Now plus the scale's lead plus the time to schedule <paramref name="timers"/> at <paramref name="ratePerSecond"/>
    /// (with a margin), in whole milliseconds (the precision the Hangfire job stores).</summary>
    public static Instant DueFor(BenchScale scale, int timers, double ratePerSecond)
    {
        var lead = Duration.FromTimeSpan(scale.TimerLead) + Duration.FromSeconds(timers / Math.Max(ratePerSecond, 1) * 1.15);
        return Instant.FromUnixTimeMilliseconds((SystemClock.Instance.GetCurrentInstant() + lead).ToUnixTimeMilliseconds());
    }

    /// <summary>Waits until <paramref name="expected"/> deadlines are recorded, or the scale's wait past <paramref name="due"/> is over.</summary>
    public static async Task WaitAsync(ProgressLog progress, string label, NpgsqlDataSource dataSource, string countSql, Instant due,
        long expected, TimeSpan wait, CancellationToken cancellation)
    {
        var giveUp = due + Duration.FromTimeSpan(wait);
        long recorded = 0;
        await using (progress.Every(label, () =>
        {
            var toDue = (due - SystemClock.Instance.GetCurrentInstant()).TotalSeconds;
            return toDue > 0 ? $"due in {toDue:0} s" : $"{Interlocked.Read(ref recorded)} of {expected} recorded, {-toDue:0} s after due";
        }))
        {
            while (SystemClock.Instance.GetCurrentInstant() < giveUp)
            {
                Interlocked.Exchange(ref recorded, await BreachTally.CountAsync(dataSource, countSql, cancellation));
                if (Interlocked.Read(ref recorded) >= expected)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
            }
        }
    }
}

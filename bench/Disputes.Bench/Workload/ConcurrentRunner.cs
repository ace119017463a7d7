using System.Diagnostics;
using Disputes.Bench.Infrastructure;

namespace Disputes.Bench.Workload;

/// <summary>Runs an operation from many concurrent workers, each one operation after another, timing each.</summary>
public static class ConcurrentRunner
{
    /// <summary>Exactly <paramref name="total"/> operations shared out over <paramref name="workers"/> workers.</summary>
    public static Task<RunOutcome> RunCountAsync(int workers, long total, Func<CancellationToken, Task> operation, Action? done,
        CancellationToken cancellation)
    {
        long issued = 0;
        return RunAsync(workers, () => Interlocked.Increment(ref issued) <= total, operation, done, cancellation);
    }

    /// <summary>As many operations as <paramref name="workers"/> workers finish in <paramref name="duration"/>.</summary>
    public static Task<RunOutcome> RunForAsync(int workers, TimeSpan duration, Func<CancellationToken, Task> operation, Action? done,
        CancellationToken cancellation)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return RunAsync(workers, () => Stopwatch.GetTimestamp() < until, operation, done, cancellation);
    }

    private static async Task<RunOutcome> RunAsync(int workers, Func<bool> more, Func<CancellationToken, Task> operation, Action? done,
        CancellationToken cancellation)
    {
        var latencies = new LatencyRecorder();
        long completed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var mine = latencies.ForTask();
            while (!cancellation.IsCancellationRequested && more())
            {
                var started = Stopwatch.GetTimestamp();
                await operation(cancellation);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref completed);
                done?.Invoke();
            }
        }, cancellation)));
        return new RunOutcome(completed, clock.Elapsed, latencies.Summary());
    }
}

/// <summary>What a run of operations did.</summary>
public sealed record RunOutcome(long Completed, TimeSpan Elapsed, LatencySummary Latency)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;
}

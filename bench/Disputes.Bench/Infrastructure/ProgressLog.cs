using System.Diagnostics;

namespace Disputes.Bench.Infrastructure;

/// <summary>Progress lines, each stamped with the time since the run started.</summary>
public sealed class ProgressLog(TextWriter output)
{
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    public void Line(string text)
    {
        lock (_lock)
        {
            output.WriteLine($"[{_sinceStart.Elapsed:hh\\:mm\\:ss}] {text}");
            output.Flush();
        }
    }

    /// <summary>Prints <paramref name="status"/> every <paramref name="every"/> (default 3 s) until disposed.</summary>
    public IAsyncDisposable Every(string label, Func<string> status, TimeSpan? every = null) =>
        new ProgressTicker(this, label, status, every ?? TimeSpan.FromSeconds(3));

    private sealed class ProgressTicker : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ProgressTicker(ProgressLog log, string label, Func<string> status, TimeSpan every)
        {
            var started = Stopwatch.StartNew();
            _loop = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(every);
                try
                {
                    while (await timer.WaitForNextTickAsync(_stop.Token))
                    {
                        log.Line($"  {label} {started.Elapsed.TotalSeconds,5:0}s: {status()}");
                    }
                }
                catch (OperationCanceledException)
                {
                    // Disposed.
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}

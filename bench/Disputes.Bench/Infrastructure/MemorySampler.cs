using System.Diagnostics;

namespace Disputes.Bench.Infrastructure;

/// <summary>
/// Samples this process's working set, managed heap and GC-committed memory every 100 ms while it lives and keeps the
/// peaks. The service runs in this process (Kestrel on loopback); so does whatever of the scenario's load does not run
/// in a process of its own (the intake clients, the webhook receiver and the burst writer do).
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _gen2Before = GC.CollectionCount(2);
    private long _peakWorkingSet;
    private long _peakHeap;
    private long _peakCommitted;
    private long _samples;

    private MemorySampler()
    {
        _loop = Task.Run(SampleAsync);
    }

    public static MemorySampler Start() => new();

    /// <summary>Stops sampling and returns the peaks.</summary>
    public async Task<MemoryFigures> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        return new MemoryFigures(
            Math.Round(_peakWorkingSet / 1048576.0, 1),
            Math.Round(_peakHeap / 1048576.0, 1),
            Math.Round(_peakCommitted / 1048576.0, 1),
            GC.CollectionCount(2) - _gen2Before,
            _samples,
            100);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
        var gc = GC.GetGCMemoryInfo();
        _peakHeap = Math.Max(_peakHeap, gc.HeapSizeBytes);
        _peakCommitted = Math.Max(_peakCommitted, gc.TotalCommittedBytes);
        _samples++;
    }
}

/// <summary>Peak memory of the process over a phase.</summary>
/// <param name="PeakWorkingSetMb">Largest <c>Process.WorkingSet64</c> sampled, MiB.</param>
/// <param name="PeakManagedHeapMb">Largest GC heap size sampled (after the last GC), MiB.</param>
/// <param name="PeakGcCommittedMb">Largest memory the GC had committed (its heap, the free space it keeps and its bookkeeping), MiB.</param>
/// <param name="Gen2Collections">Full collections during the phase.</param>
/// <param name="Samples">How many samples were taken.</param>
/// <param name="SampleIntervalMs">Time between samples.</param>
public sealed record MemoryFigures(double PeakWorkingSetMb, double PeakManagedHeapMb, double PeakGcCommittedMb, int Gen2Collections, long Samples, int SampleIntervalMs);

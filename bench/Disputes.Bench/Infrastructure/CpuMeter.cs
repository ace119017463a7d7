using System.Diagnostics;

namespace Disputes.Bench.Infrastructure;

/// <summary>
/// CPU time this process used over a phase, against the wall time: a phase whose process CPU is close to
/// (cores x wall time) is bound by .NET work (serialization, folding, HTTP), one far below it waits on PostgreSQL
/// (or on other work of the machine).
/// </summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _cpuAtStart = ProcessCpu();
    private readonly long _wallAtStart = Stopwatch.GetTimestamp();

    public static CpuMeter Start() => new();

    /// <summary>
    /// The figures since <see cref="Start"/>, unrounded: rates are computed from them, and a phase of a few
    /// milliseconds rounded to hundredths would be off by far more than the measurement.
    /// </summary>
    public CpuFigures Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_wallAtStart).TotalSeconds;
        var cpu = (ProcessCpu() - _cpuAtStart).TotalSeconds;
        return new CpuFigures(wall, cpu, Math.Round(cpu / wall / Environment.ProcessorCount, 3));
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>CPU use of this process over a phase.</summary>
/// <param name="WallSeconds">Elapsed time.</param>
/// <param name="ProcessCpuSeconds">User + system CPU time of this process (service, Marten, clients).</param>
/// <param name="ShareOfMachine">Process CPU / (wall x cores): 1 would be every core busy in this process.</param>
public sealed record CpuFigures(double WallSeconds, double ProcessCpuSeconds, double ShareOfMachine);

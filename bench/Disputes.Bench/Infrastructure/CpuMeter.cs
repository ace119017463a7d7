using System.Diagnostics;

namespace Disputes.Bench.Infrastructure;

/// <summary>
/// CPU time this process used over a phase, against the wall time: a phase whose process CPU is close to
/// (cores x wall time) is bound by .NET work (serialization, folding, HTTP), one far below it waits on PostgreSQL
/// (or on other work of the machine).
/// </summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _wallAtStart = Stopwatch.GetTimestamp();

    public static CpuMeter Start() => new();

    public CpuFigures Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_wallAtStart).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds;
        return new CpuFigures(Math.Round(wall, 2), Math.Round(cpu, 2), Math.Round(cpu / wall / Environment.ProcessorCount, 3));
    }
}

/// <summary>CPU use of this process over a phase.</summary>
/// <param name="WallSeconds">Elapsed time.</param>
/// <param name="ProcessCpuSeconds">User + system CPU time of this process (service, Marten, clients).</param>
/// <param name="ShareOfMachine">Process CPU / (wall x cores): 1 would be every core busy in this process.</param>
public sealed record CpuFigures(double WallSeconds, double ProcessCpuSeconds, double ShareOfMachine);

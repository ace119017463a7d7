using System.Runtime.InteropServices;
using Npgsql;

namespace Disputes.Bench.Infrastructure;

/// <summary>The machine a run measured, written into every result file.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="MemoryGb">Physical memory.</param>
/// <param name="Cpu">CPU model, from /proc/cpuinfo when there.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Runtime">.NET runtime.</param>
public sealed record MachineInfo(int Cores, double MemoryGb, string Cpu, string Os, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    /// <summary>The 1-minute load average (from /proc/loadavg), to show how busy the machine was; null elsewhere.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}

/// <summary>The PostgreSQL server a run measured and the settings that decide its speed.</summary>
/// <param name="Server">Where it came from.</param>
/// <param name="Version">server_version.</param>
/// <param name="Settings">shared_buffers, fsync, synchronous_commit, ...</param>
public sealed record PostgresInfo(string Server, string Version, IReadOnlyDictionary<string, string> Settings)
{
    private static readonly string[] KeySettings =
    [
        "shared_buffers", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "max_connections", "work_mem",
        "effective_cache_size", "max_wal_size", "checkpoint_timeout", "random_page_cost", "jit", "max_parallel_workers_per_gather",
    ];

    public static async Task<PostgresInfo> ReadAsync(string connectionString, string server, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "select name, current_setting(name) from pg_settings where name = any(@names) order by name", connection);
        command.Parameters.AddWithValue("names", KeySettings);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                settings[reader.GetString(0)] = reader.GetString(1);
            }
        }

        await using var version = new NpgsqlCommand("show server_version", connection);
        return new PostgresInfo(server, (string)(await version.ExecuteScalarAsync(cancellation))!, settings);
    }
}

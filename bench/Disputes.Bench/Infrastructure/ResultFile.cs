using System.Text.Json;
using Disputes.Bench.Scenarios;

namespace Disputes.Bench.Infrastructure;

/// <summary>The content of <c>bench/results/&lt;scenario&gt;.json</c>.</summary>
public sealed record ResultFile(
    string Scenario,
    string Scale,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    ResultFile.LoadAverages Load,
    bool Succeeded,
    string? Error,
    MachineInfo Machine,
    PostgresInfo? Postgres,
    IReadOnlyList<ResultRow> Table,
    object? Figures,
    IReadOnlyList<string> Notes)
{
    /// <summary>The machine's 1-minute load average at the start and end of the scenario: others' work on a shared machine shows here.</summary>
    public sealed record LoadAverages(double? AtStart, double? AtEnd);

    /// <summary>Writes the file (through a temporary file, so a reader never sees half of it) and returns its path.</summary>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Scenario}.json");
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, this, BenchJson.Options, cancellation);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>The default results folder: <c>bench/results</c> of the repository holding the working directory.</summary>
    public static string DefaultDirectory()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Disputes.sln")))
            {
                return Path.Combine(directory.FullName, "bench", "results");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "bench", "results");
    }
}

using System.Diagnostics;
using System.Globalization;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Scenarios;

namespace Disputes.Bench;

/// <summary>
/// Runs the chosen scenarios one after another, each on a fresh database, and writes their result files; when several
/// are chosen, each in a process of its own (<see cref="ScenarioProcess"/>).
/// </summary>
public static class BenchRunner
{
    public static async Task<IReadOnlyList<ResultFile>> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellation)
    {
        var progress = new ProgressLog(output);
        var machine = MachineInfo.Current();
        var resultsDirectory = options.ResultsDirectory ?? ResultFile.DefaultDirectory();
        progress.Line($"Disputes benchmarks, scale {options.Scale.Name}: {string.Join(", ", options.Scenarios)}");
        progress.Line($"Machine: {machine.Cores} cores, {machine.MemoryGb} GB, {machine.Cpu}, {machine.Runtime}");

        await using var server = await BenchServer.StartAsync(options.ConnectionString, options.ServerDescription, cancellation);
        progress.Line($"PostgreSQL: {server.Description}");

        var results = new List<ResultFile>();
        foreach (var name in options.Scenarios)
        {
            cancellation.ThrowIfCancellationRequested();
            if (options.ProcessPerScenario)
            {
                progress.Line($"{name}: in a process of its own");
                results.Add(await ScenarioProcess.RunAsync(name, server, options, resultsDirectory, machine, output, cancellation));
                continue;
            }

            var file = await RunOneAsync(ScenarioCatalog.Create(name), server, options, machine, progress, cancellation);
            ResultTable.Write(output, $"{name} ({options.Scale.Name}, {file.DurationSeconds:0} s)", file.Table,
            [
                .. file.Notes,
                $"Machine load (1-minute average) at start / end: {file.Load.AtStart?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"} / {file.Load.AtEnd?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"} on {machine.Cores} cores.",
                .. file.Error is null ? Array.Empty<string>() : [$"FAILED: {file.Error}"],
            ]);
            var path = await file.WriteAsync(resultsDirectory, cancellation);
            progress.Line($"{name}: wrote {path}");
            results.Add(file);
        }

        progress.Line($"Done: {results.Count(r => r.Succeeded)} of {results.Count} scenarios succeeded.");
        return results;
    }

    private static async Task<ResultFile> RunOneAsync(IScenario scenario, BenchServer server, BenchOptions options, MachineInfo machine,
        ProgressLog progress, CancellationToken cancellation)
    {
        var database = $"{options.DatabasePrefix}_{scenario.Name}";
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        PostgresInfo? postgres = null;
        progress.Line($"{scenario.Name}: starting on a fresh database '{database}'");
        try
        {
            var connectionString = await server.CreateDatabaseAsync(database, cancellation);
            postgres = await PostgresInfo.ReadAsync(connectionString, server.Description, cancellation);
            var result = await scenario.RunAsync(new ScenarioContext(connectionString, options.Scale, options.Clients, progress), cancellation);
            return new ResultFile(scenario.Name, options.Scale.Name, started, Math.Round(clock.Elapsed.TotalSeconds, 1),
                new ResultFile.LoadAverages(loadAtStart, MachineInfo.LoadAverage()), true, null, machine,
                postgres, result.Rows, result.Figures, result.Notes);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            progress.Line($"{scenario.Name}: FAILED: {e}");
            return new ResultFile(scenario.Name, options.Scale.Name, started, Math.Round(clock.Elapsed.TotalSeconds, 1),
                new ResultFile.LoadAverages(loadAtStart, MachineInfo.LoadAverage()), false,
                $"{e.GetType().Name}: {e.Message}", machine, postgres, [], null, []);
        }
        finally
        {
            if (!options.KeepDatabases)
            {
                await DropQuietlyAsync(server, database, progress);
            }
        }
    }

    private static async Task DropQuietlyAsync(BenchServer server, string database, ProgressLog progress)
    {
        try
        {
            await server.DropDatabaseAsync(database, CancellationToken.None);
        }
        catch (Npgsql.NpgsqlException e)
        {
            progress.Line($"Could not drop database {database}: {e.Message}");
        }
    }
}

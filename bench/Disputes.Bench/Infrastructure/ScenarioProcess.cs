using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Disputes.Bench.Infrastructure;

/// <summary>
/// One scenario of a run of several, in a process of its own on the same server: what a scenario leaves behind in a
/// process (its heap, the code it jitted, the pools it grew) then never counts against the next one's memory and CPU,
/// as it would not in a service that never runs the bench's other scenarios. The process prints its own progress and
/// table (its clock starting at zero again), which are passed through with its errors, and writes its result file,
/// which is read back.
/// </summary>
public static class ScenarioProcess
{
    /// <summary>How long a cancelled scenario's process gets to drop its database before it is killed.</summary>
    private static readonly TimeSpan CleanUpGrace = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="scenario"/> in its own process and returns the result file it wrote.</summary>
    public static async Task<ResultFile> RunAsync(string scenario, BenchServer server, BenchOptions options, string resultsDirectory,
        MachineInfo machine, TextWriter output, CancellationToken cancellation)
    {
        string[] arguments =
        [
            scenario, "--scale", options.Scale.Name, "--connection", server.ConnectionString, "--server-description", server.Description,
            "--clients", options.Clients.ToString(CultureInfo.InvariantCulture), "--results", resultsDirectory, "--database-prefix", options.DatabasePrefix,
            .. options.KeepDatabases ? ["--keep-databases"] : Array.Empty<string>(),
        ];
        var started = DateTimeOffset.UtcNow;
        var path = Path.Combine(Directory.CreateDirectory(resultsDirectory).FullName, $"{scenario}.json");
        File.Delete(path);
        using var process = Process.Start(BenchProcess.StartInfo(arguments)) ?? throw new InvalidOperationException($"The process of {scenario} did not start.");
        var errors = new Queue<string>();
        void Write(string line)
        {
            lock (output)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        var outputLines = PassThroughAsync(process.StandardOutput, Write);
        var errorLines = PassThroughAsync(process.StandardError, line =>
        {
            Write(line);
            lock (errors)
            {
                errors.Enqueue(line);
                if (errors.Count > 20)
                {
                    errors.Dequeue();
                }
            }
        });
        try
        {
            await process.WaitForExitAsync(cancellation);
            await Task.WhenAll(outputLines, errorLines);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            throw;
        }

        if (process.ExitCode is 0 or 1 && File.Exists(path))
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<ResultFile>(stream, BenchJson.Options, cancellation)
                ?? throw new InvalidOperationException($"{path} is empty.");
        }

        var error = $"The process of {scenario} ended with exit code {process.ExitCode} and no result file: {string.Join(Environment.NewLine, errors)}";
        return new ResultFile(scenario, options.Scale.Name, started, Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds, 1),
            new ResultFile.LoadAverages(null, MachineInfo.LoadAverage()), false, error, machine, null, [], null, []);
    }

    private static async Task PassThroughAsync(StreamReader reader, Action<string> line)
    {
        while (await reader.ReadLineAsync() is { } text)
        {
            line(text);
        }
    }

    /// <summary>SIGTERM first, so the scenario drops its database; killed if it has not ended within the grace.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync(CancellationToken.None);
        }

        using var grace = new CancellationTokenSource(CleanUpGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}

using System.Diagnostics;

namespace Disputes.Bench.Infrastructure;

/// <summary>Another process of this benchmark program, for work whose CPU and memory must not count against the one measuring.</summary>
public static class BenchProcess
{
    /// <summary>
    /// <c>dotnet exec</c> of this assembly with <paramref name="arguments"/>: with its own runtime configuration when run as
    /// the bench, or with the host application's beside it when the bench is loaded by another (the test project's
    /// tiny-scale run). Standard output and error are redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var assembly = typeof(BenchProcess).Assembly.Location;
        var folder = Path.GetDirectoryName(assembly)!;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured ? configured
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        if (!File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json")))
        {
            var configuration = Directory.GetFiles(folder, "*.runtimeconfig.json")
                .First(file => !Path.GetFileName(file).StartsWith("testhost", StringComparison.OrdinalIgnoreCase));
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(configuration);
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(configuration.Replace(".runtimeconfig.json", ".deps.json", StringComparison.Ordinal));
        }

        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// Ends a process started with standard input redirected, which takes the end of its input as the word to stop: closes
    /// it, gives the process ten seconds to exit, then kills it; disposes it either way.
    /// </summary>
    public static async Task EndAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        finally
        {
            process.Dispose();
        }
    }
}

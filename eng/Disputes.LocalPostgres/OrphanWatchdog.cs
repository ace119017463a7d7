using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Disputes.LocalPostgres;

/// <summary>
/// A tiny shell process that waits for this process to end, then stops a throwaway cluster
/// (<c>pg_ctl stop -m immediate</c>) and deletes its directories: covers a process that is killed (no ProcessExit,
/// no dispose). Its stdio is /dev/null so it never holds the caller's (e.g. a test runner's) pipes.
/// </summary>
internal sealed class OrphanWatchdog : IDisposable
{
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        parent=$1; dir=$2; sock=$3; shift 3
        while kill -0 "$parent"; do sleep 1; done
        if [ -f "$dir/postmaster.pid" ]; then "$@" stop -D "$dir" -m immediate -w -t 30; fi
        rm -rf "$dir"
        if [ -n "$sock" ]; then rm -rf "$sock"; fi
        """;

    private Process? _process;

    private OrphanWatchdog(Process? process) => _process = process;

    /// <summary>
    /// Starts the watchdog of the cluster in <paramref name="dataDirectory"/> (and of its own socket directory, if any);
    /// <paramref name="pgCtlCommandLine"/> runs pg_ctl (through runuser when the cluster runs as postgres). When the
    /// shell cannot be started a warning is logged and the returned watchdog does nothing.
    /// </summary>
    public static OrphanWatchdog Start(string dataDirectory, string? socketDirectory, IReadOnlyList<string> pgCtlCommandLine,
        ILogger? logger)
    {
        try
        {
            var start = new ProcessStartInfo("/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add("disputes-pg-watchdog");
            start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(dataDirectory);
            start.ArgumentList.Add(socketDirectory ?? "");
            foreach (var part in pgCtlCommandLine)
            {
                start.ArgumentList.Add(part);
            }

            return new OrphanWatchdog(Process.Start(start));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            logger?.LogWarning(e, "Could not start the watchdog of the throwaway PostgreSQL cluster");
            return new OrphanWatchdog(null);
        }
    }

    /// <summary>Kills the watchdog: the cluster was stopped and cleaned up by its owner.</summary>
    public void Dispose()
    {
        var watchdog = Interlocked.Exchange(ref _process, null);
        if (watchdog is null)
        {
            return;
        }

        try
        {
            if (!watchdog.HasExited)
            {
                watchdog.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            watchdog.Dispose();
        }
    }
}

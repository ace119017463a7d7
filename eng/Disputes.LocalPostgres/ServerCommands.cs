using System.Diagnostics;
using System.Text;

namespace Disputes.LocalPostgres;

/// <summary>
/// Runs the server's programs (initdb, pg_ctl, chown, ...) to their end. When this process is root they run as the
/// <c>postgres</c> user through <c>runuser -u postgres --</c>, because initdb and postgres refuse to run as root.
/// Public so that test fixtures which make servers of their own (a replicated pair) run them the same way.
/// </summary>
public static class ServerCommands
{
    /// <summary>The operating-system user the server runs as when this process is root, and its database superuser.</summary>
    public const string PostgresUser = "postgres";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How a program ended: its exit code and its stdout and stderr, merged and trimmed.</summary>
    public sealed record CommandResult(int ExitCode, string Output);

    /// <summary>Whether the server's programs must run as the <c>postgres</c> user.</summary>
    public static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Checks that <c>runuser</c> and the <c>postgres</c> user exist, for running as root.</summary>
    public static async Task EnsurePostgresUserAsync(CancellationToken ct)
    {
        var runuser = FindOnPath("runuser");
        if (runuser is null)
        {
            throw new InvalidOperationException(
                "Running as root, the PostgreSQL server must run as the 'postgres' user through 'runuser', which was not found " +
                "(Debian: util-linux). Run as a non-root user or set ConnectionStrings:Disputes / DISPUTES_TEST_POSTGRES.");
        }

        var id = await RunAsync("id", ["-u", PostgresUser], false, ct).ConfigureAwait(false);
        if (id.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "Running as root, the PostgreSQL server must run as the 'postgres' user, which does not exist. Install the " +
                "server package (Debian: apt-get install postgresql, which creates it), create the user, or run as a " +
                "non-root user.");
        }
    }

    /// <summary>The command line that runs <paramref name="program"/>, through <c>runuser -u postgres --</c> when asked.</summary>
    public static List<string> CommandLine(string program, IEnumerable<string> arguments, bool runAsPostgres)
    {
        var line = runAsPostgres ? [FindOnPath("runuser") ?? "runuser", "-u", PostgresUser, "--", program] : new List<string> { program };
        line.AddRange(arguments);
        return line;
    }

    /// <summary>As <see cref="RunAsync"/>, throwing with the output when the exit code is not 0.</summary>
    public static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, bool runAsPostgres, CancellationToken ct)
    {
        var result = await RunAsync(program, arguments, runAsPostgres, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{string.Join(' ', CommandLine(program, arguments, runAsPostgres))}' failed with exit code {result.ExitCode}:\n{result.Output}");
        }
    }

    /// <summary>Runs a program to its end (killing it after <see cref="CommandTimeout"/>), with stdout and stderr merged.</summary>
    public static async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, bool runAsPostgres, CancellationToken ct)
    {
        var line = CommandLine(program, arguments, runAsPostgres);
        var start = new ProcessStartInfo(line[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user may not be able to enter the current directory (e.g. under /root).
            WorkingDirectory = "/",
        };
        foreach (var argument in line.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        start.Environment["LANG"] = "C";
        foreach (var variable in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE", "PGOPTIONS" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {line[0]}");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            ct.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"'{string.Join(' ', line)}' did not finish within {CommandTimeout}.");
        }

        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        return new CommandResult(process.ExitCode, output.ToString().Trim());
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin").Append("/usr/bin").Append("/bin")
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
    }
}

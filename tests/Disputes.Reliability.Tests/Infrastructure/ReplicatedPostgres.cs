using System.Diagnostics;
using System.Globalization;
using System.Text;
using Disputes.LocalPostgres;
using Npgsql;

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL primary and a streaming standby made from the server binaries on this machine, in one temp directory
/// removed on dispose: the primary is made by initdb with <c>wal_level=replica</c> and a replication entry for
/// loopback in pg_hba.conf, the standby by <c>pg_basebackup -R</c>; the primary commits synchronously to the standby
/// (<c>synchronous_standby_names</c> names its application_name, <c>synchronous_commit=on</c>), so a commit
/// acknowledged to a client is on both. As root, every binary runs as the <c>postgres</c> user (initdb refuses root).
/// </summary>
public sealed class ReplicatedPostgres : IAsyncDisposable
{
    /// <summary>The standby's application_name, which the primary's synchronous_standby_names waits for.</summary>
    public const string StandbyName = "disputes_standby";

    private const string PostgresUser = ServerCommands.PostgresUser;

    private readonly string root;
    private readonly string bin;
    private readonly bool asPostgres;
    private Process? watchdog;

    private ReplicatedPostgres(string root, string bin, bool asPostgres, int primaryPort, int standbyPort)
    {
        this.root = root;
        this.bin = bin;
        this.asPostgres = asPostgres;
        PrimaryPort = primaryPort;
        StandbyPort = standbyPort;
    }

    public int PrimaryPort { get; }

    public int StandbyPort { get; }

    private string PrimaryDirectory => Path.Combine(root, "primary");

    private string StandbyDirectory => Path.Combine(root, "standby");

    /// <summary>A connection string to one of the two servers (no multi-host behaviour), database <paramref name="database"/>.</summary>
    public string ConnectionString(int port, string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = PostgresUser,
        Database = database,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Makes and starts both servers and waits until the standby streams synchronously.</summary>
    public static async Task<ReplicatedPostgres> StartAsync()
    {
        var bin = PostgresBinaries.Find() is { } found && File.Exists(Path.Combine(found, "pg_basebackup"))
            ? found
            : throw new InvalidOperationException("No PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) found.");
        var asPostgres = ServerCommands.IsRoot();
        var root = Directory.CreateTempSubdirectory("disputes-pgrepl-").FullName;
        var primaryPort = ServiceProcess.FreePort();
        var standbyPort = ServiceProcess.FreePort();
        while (standbyPort == primaryPort)
        {
            standbyPort = ServiceProcess.FreePort();
        }

        var cluster = new ReplicatedPostgres(root, bin, asPostgres, primaryPort, standbyPort);
        try
        {
            cluster.StartWatchdog();
            await cluster.MakeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates <paramref name="database"/> on the primary (the standby receives it by replication).</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(PrimaryPort));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The primary crashes: <c>pg_ctl stop -m immediate</c> (SIGQUIT to the postmaster, every backend ends at once,
    /// no checkpoint), so every open connection to it breaks mid-statement.
    /// </summary>
    public Task KillPrimaryAsync() =>
        RunCheckedAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", PrimaryDirectory, "-m", "immediate", "-w", "-t", "30"]);

    /// <summary>Promotes the standby to a primary that accepts writes (<c>pg_ctl promote -w</c>).</summary>
    public Task PromoteStandbyAsync() =>
        RunCheckedAsync(Path.Combine(bin, "pg_ctl"), ["promote", "-D", StandbyDirectory, "-w", "-t", "60"]);

    /// <summary>The servers' logs (for failure messages).</summary>
    public string LogTail(int lines = 30)
    {
        var text = new StringBuilder();
        foreach (var name in new[] { "primary.log", "standby.log" })
        {
            var file = Path.Combine(root, name);
            if (File.Exists(file))
            {
                var all = File.ReadAllLines(file);
                text.AppendLine($"--- {name}").AppendJoin('\n', all.Skip(Math.Max(0, all.Length - lines))).AppendLine();
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var directory in new[] { PrimaryDirectory, StandbyDirectory })
        {
            if (File.Exists(Path.Combine(directory, "postmaster.pid")))
            {
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", directory, "-m", "immediate", "-w", "-t", "30"]);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
                {
                    // Best effort: the directory is removed below either way.
                }
            }
        }

        try
        {
            if (watchdog is { HasExited: false })
            {
                watchdog.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        watchdog?.Dispose();
        for (var attempt = 0; attempt < 5 && Directory.Exists(root); attempt++)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task MakeAsync()
    {
        if (asPostgres && !OperatingSystem.IsWindows())
        {
            await RunCheckedAsync("chown", [PostgresUser + ":", root], asPostgres: false);
            for (var directory = Path.GetDirectoryName(root); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                var info = new DirectoryInfo(directory);
                if ((info.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                {
                    info.UnixFileMode |= UnixFileMode.OtherExecute;
                }
            }
        }

        await RunCheckedAsync(Path.Combine(bin, "initdb"),
            ["-D", PrimaryDirectory, "-U", PostgresUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-instructions"]);
        // Appended settings win over initdb's. fsync=off: only the postmaster is killed here, never the machine, so
        // the kernel keeps every write; synchronous commit to the standby is what the test relies on.
        await AppendAsync(Path.Combine(PrimaryDirectory, "postgresql.conf"), $"""
            listen_addresses = '127.0.0.1'
            port = {PrimaryPort}
            unix_socket_directories = '{root}'
            max_connections = 200
            wal_level = replica
            max_wal_senders = 5
            synchronous_standby_names = '{StandbyName}'
            synchronous_commit = on
            fsync = off
            """);
        // initdb's trust file already lets loopback replicate; said again here so the setup does not rest on a default.
        await AppendAsync(Path.Combine(PrimaryDirectory, "pg_hba.conf"), "host replication all 127.0.0.1/32 trust");
        await RunCheckedAsync(Path.Combine(bin, "pg_ctl"),
            ["start", "-D", PrimaryDirectory, "-l", Path.Combine(root, "primary.log"), "-w", "-t", "60"]);

        await RunCheckedAsync(Path.Combine(bin, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", PrimaryPort.ToString(CultureInfo.InvariantCulture), "-U", PostgresUser, "-D", StandbyDirectory, "-R", "-X", "stream"]);
        // The standby listens on its own port, and once promoted waits for no standby of its own (it has none: a
        // promoted server that kept synchronous_standby_names would hang every commit).
        await AppendAsync(Path.Combine(StandbyDirectory, "postgresql.conf"), $"""
            port = {StandbyPort}
            synchronous_standby_names = ''
            """);
        // Overrides the primary_conninfo that -R wrote, adding the application_name the primary waits for.
        await AppendAsync(Path.Combine(StandbyDirectory, "postgresql.auto.conf"),
            $"primary_conninfo = 'host=127.0.0.1 port={PrimaryPort} user={PostgresUser} application_name={StandbyName}'");
        await RunCheckedAsync(Path.Combine(bin, "pg_ctl"),
            ["start", "-D", StandbyDirectory, "-l", Path.Combine(root, "standby.log"), "-w", "-t", "60"]);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        await using var connection = new NpgsqlConnection(ConnectionString(PrimaryPort));
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_replication where application_name = $1 and state = 'streaming' and sync_state = 'sync'", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = StandbyName });
            if ((long)(await command.ExecuteScalarAsync())! == 1)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The standby did not stream synchronously within 30 s.\n{LogTail()}");
            }

            await Task.Delay(200);
        }
    }

    private async Task AppendAsync(string file, string text)
    {
        // Written by root into a file the postgres user owns: appending keeps its owner and mode.
        await File.AppendAllTextAsync(file, "\n" + text + "\n");
    }

    /// <summary>Kills both servers and removes the directory if the test process dies without disposing this.</summary>
    private void StartWatchdog()
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            parent=$1; root=$2; shift 2
            while kill -0 "$parent"; do sleep 1; done
            for d in "$root/primary" "$root/standby"; do
              if [ -f "$d/postmaster.pid" ]; then "$@" stop -D "$d" -m immediate -w -t 30; fi
            done
            rm -rf "$root"
            """;
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", script, "disputes-pgrepl-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), root })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var part in ServerCommands.CommandLine(Path.Combine(bin, "pg_ctl"), [], asPostgres))
        {
            start.ArgumentList.Add(part);
        }

        watchdog = Process.Start(start);
    }

    private Task RunCheckedAsync(string program, IReadOnlyList<string> arguments) => RunCheckedAsync(program, arguments, asPostgres);

    private async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var (code, output) = await RunAsync(program, arguments, asPostgres);
        if (code != 0)
        {
            throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' exited {code}:\n{output}\n{LogTail()}");
        }
    }

    private Task<(int Code, string Output)> RunAsync(string program, IReadOnlyList<string> arguments) => RunAsync(program, arguments, asPostgres);

    private static async Task<(int Code, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var result = await ServerCommands.RunAsync(program, arguments, asPostgres, CancellationToken.None);
        return (result.ExitCode, result.Output);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Disputes.Api.Hosting.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster made and run from the server binaries found on this machine (initdb, pg_ctl, postgres),
/// without any service manager: a throwaway one for tests, or a persistent one (e.g. under the repo's <c>.data/</c>)
/// for running the API locally.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each start picks a free TCP port on 127.0.0.1; nothing but the cluster itself is stored in the data directory
/// (plus <c>server.log</c>).</item>
/// <item>When the current process is root, the cluster is owned by and run as the <c>postgres</c> user
/// (through <c>runuser -u postgres --</c>), because initdb and postgres refuse to run as root. The data directory is
/// then chowned to <c>postgres</c>, and every directory above it is given o+x (traverse only, no read) when it lacks
/// it, since the postgres user must be able to reach the data directory.</item>
/// <item>A persistent cluster whose server is still running from an earlier process is stopped (<c>pg_ctl stop -m fast</c>)
/// and started again with this process's settings; a stale <c>postmaster.pid</c> left by a SIGKILL does not block
/// the start. Two processes starting the same persistent directory at the same moment are not supported.</item>
/// <item>A throwaway cluster is stopped and deleted on <see cref="DisposeAsync"/>, on <see cref="AppDomain.ProcessExit"/>,
/// and by a tiny watchdog shell process if this process dies without running either.</item>
/// </list>
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>The database created on every start (if missing) and named by <see cref="ConnectionString"/>.</summary>
    public const string DefaultDatabase = "disputes";

    /// <summary>Environment variable naming a directory with initdb and pg_ctl; takes precedence over the search.</summary>
    public const string BinDirectoryVariable = "DISPUTES_PG_BIN";

    /// <summary>Prefix of the temp directories made by <see cref="StartThrowawayAsync"/>.</summary>
    public const string ThrowawayDirectoryPrefix = "disputes-pg-";

    public const string MissingBinariesMessage =
        "No PostgreSQL server binaries found. Install them (Debian: apt-get install postgresql) or set " +
        "ConnectionStrings:Disputes / DISPUTES_TEST_POSTGRES to an existing server.";

    private const string PostgresUser = "postgres";
    private const int MaxUnixSocketPathLength = 100; // sun_path is 108 bytes; leave room for "/.s.PGSQL.NNNNN.lock".
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly Regex DatabaseNamePattern = new("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant);

    private readonly string _binDirectory;
    private readonly bool _runAsPostgres;
    private readonly string? _ownSocketDirectory;
    private readonly ILogger? _logger;
    private readonly EventHandler _processExitHandler;
    private Process? _watchdog;
    private int _disposed;

    private LocalPostgresCluster(string dataDirectory, bool persistent, int port, string binDirectory, bool runAsPostgres,
        string? ownSocketDirectory, ILogger? logger)
    {
        DataDirectory = dataDirectory;
        Persistent = persistent;
        Port = port;
        _binDirectory = binDirectory;
        _runAsPostgres = runAsPostgres;
        _ownSocketDirectory = ownSocketDirectory;
        _logger = logger;
        ConnectionString = BuildConnectionString(port, DefaultDatabase);
        _processExitHandler = (_, _) => StopOnProcessExit();
    }

    /// <summary>Connection string to the <c>disputes</c> database: Host=127.0.0.1;Port=…;Username=postgres;Database=disputes.</summary>
    public string ConnectionString { get; }

    /// <summary>Absolute path of the cluster's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>TCP port the server listens on (127.0.0.1 only); a new one on every start, the same one on <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; }

    /// <summary>Whether the data directory is kept when the cluster is disposed.</summary>
    public bool Persistent { get; }

    /// <summary>
    /// The directory holding <c>initdb</c> and <c>pg_ctl</c>: <c>$DISPUTES_PG_BIN</c>, else the highest
    /// <c>/usr/lib/postgresql/*/bin</c>, else the first PATH entry that has both; null when none is found.
    /// </summary>
    public static string? FindServerBinaries() => FindServerBinaries(preferredMajorVersion: null);

    /// <summary>Starts a throwaway cluster in a new directory <c>/tmp/disputes-pg-XXXX</c>, deleted on dispose.</summary>
    public static async Task<LocalPostgresCluster> StartThrowawayAsync(ILogger? logger = null, CancellationToken ct = default)
    {
        if (FindServerBinaries() is null)
        {
            throw new InvalidOperationException(MissingBinariesDetail());
        }

        var directory = Directory.CreateTempSubdirectory(ThrowawayDirectoryPrefix).FullName;
        return await StartAsync(directory, persistent: false, logger, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the cluster in <paramref name="dataDirectory"/> if it has none yet (initdb), starts it on a free port and
    /// creates the <c>disputes</c> database if missing.
    /// </summary>
    /// <param name="dataDirectory">The cluster's data directory; created when missing. Must be empty or hold a cluster.</param>
    /// <param name="persistent">false: fsync off, and the directory is deleted on dispose or process exit.</param>
    /// <param name="logger">Optional progress log.</param>
    /// <param name="ct">Cancels the start (the half-started cluster is stopped).</param>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDirectory, bool persistent, ILogger? logger = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        if (Directory.Exists(dataDirectory) && !File.Exists(Path.Combine(dataDirectory, "PG_VERSION"))
            && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            // Checked before anything else so that a failed throwaway start never deletes a directory that was not ours.
            throw new InvalidOperationException(
                $"The PostgreSQL data directory '{dataDirectory}' is not empty but holds no cluster (no PG_VERSION); " +
                "delete it or point to an empty directory.");
        }

        try
        {
            return await StartCoreAsync(dataDirectory, persistent, logger, ct).ConfigureAwait(false);
        }
        catch when (!persistent)
        {
            TryDeleteDirectory(dataDirectory, logger);
            throw;
        }
    }

    private static async Task<LocalPostgresCluster> StartCoreAsync(string dataDirectory, bool persistent, ILogger? logger,
        CancellationToken ct)
    {
        var versionFile = Path.Combine(dataDirectory, "PG_VERSION");
        int? clusterMajor = File.Exists(versionFile) && int.TryParse(File.ReadAllText(versionFile).Trim(),
            NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;

        var binDirectory = FindServerBinaries(clusterMajor) ?? throw new InvalidOperationException(MissingBinariesDetail());
        var runAsPostgres = IsRoot();
        if (runAsPostgres)
        {
            await EnsurePostgresUserAsync(ct).ConfigureAwait(false);
        }

        Directory.CreateDirectory(dataDirectory);
        if (runAsPostgres)
        {
            EnsureAncestorsTraversable(dataDirectory, logger);
            await RunCheckedAsync("chown", ["-R", PostgresUser + ":", dataDirectory], false, ct).ConfigureAwait(false);
        }

        if (clusterMajor is null)
        {
            logger?.LogInformation("Creating PostgreSQL cluster in {DataDirectory} with {BinDirectory}", dataDirectory, binDirectory);
            await RunCheckedAsync(Path.Combine(binDirectory, "initdb"),
                ["-D", dataDirectory, "-U", PostgresUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-instructions"],
                runAsPostgres, ct).ConfigureAwait(false);
        }
        else
        {
            await StopLeftoverServerAsync(dataDirectory, binDirectory, runAsPostgres, logger, ct).ConfigureAwait(false);
        }

        string? ownSocketDirectory = null;
        var socketDirectory = dataDirectory;
        if (dataDirectory.Length > MaxUnixSocketPathLength - 20 || dataDirectory.Contains('\''))
        {
            ownSocketDirectory = Directory.CreateTempSubdirectory("disputes-pgsock-").FullName;
            socketDirectory = ownSocketDirectory;
            if (runAsPostgres)
            {
                await RunCheckedAsync("chown", [PostgresUser + ":", ownSocketDirectory], false, ct).ConfigureAwait(false);
            }
        }

        RotateServerLog(dataDirectory);
        var port = await StartServerAsync(dataDirectory, socketDirectory, persistent, binDirectory, runAsPostgres, logger, ct)
            .ConfigureAwait(false);

        var cluster = new LocalPostgresCluster(dataDirectory, persistent, port, binDirectory, runAsPostgres, ownSocketDirectory, logger);
        AppDomain.CurrentDomain.ProcessExit += cluster._processExitHandler;
        try
        {
            if (!persistent)
            {
                cluster.StartWatchdog();
            }

            await EnsureDatabaseAsync(cluster.ConnectionString, DefaultDatabase, ct).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        logger?.LogInformation("PostgreSQL running on 127.0.0.1:{Port}, data in {DataDirectory}", port, dataDirectory);
        return cluster;
    }

    /// <summary>Creates (or drops and re-creates) the database <paramref name="name"/> and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return CreateDatabaseOnServerAsync(ConnectionString, name, ct);
    }

    /// <summary>
    /// On the server named by <paramref name="serverConnectionString"/> (any database of it; the <c>postgres</c>
    /// maintenance database is used when it exists), drops the database <paramref name="name"/> if present, creates it
    /// afresh, and returns <paramref name="serverConnectionString"/> with Database=<paramref name="name"/>.
    /// </summary>
    /// <param name="serverConnectionString">Connection string to any database of the server.</param>
    /// <param name="name">Letters, digits and underscores, not starting with a digit, at most 63 characters.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<string> CreateDatabaseOnServerAsync(string serverConnectionString, string name, CancellationToken ct = default)
    {
        ValidateDatabaseName(name);
        await using var connection = await OpenMaintenanceConnectionAsync(serverConnectionString, ct).ConfigureAwait(false);

        var target = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        var quoted = QuoteIdentifier(name);
        var force = connection.PostgreSqlVersion.Major >= 13 ? " WITH (FORCE)" : "";
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quoted}{force}", ct).ConfigureAwait(false);
        // Pooled connections to the dropped database were terminated by the server: do not hand them out again.
        using (var pooled = new NpgsqlConnection(target))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync(connection, $"CREATE DATABASE {quoted}", ct).ConfigureAwait(false);
        return target;
    }

    /// <summary>Creates the database <paramref name="name"/> on the server if it does not exist yet.</summary>
    public static async Task EnsureDatabaseAsync(string serverConnectionString, string name, CancellationToken ct = default)
    {
        ValidateDatabaseName(name);
        await using var connection = await OpenMaintenanceConnectionAsync(serverConnectionString, ct).ConfigureAwait(false);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {QuoteIdentifier(name)}", ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently: fine.
        }
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>: open transactions are rolled back and clients disconnected)
    /// and keeps the data directory, so that <see cref="StartAgainAsync"/> brings the same cluster back on the same
    /// port. For tests of what a database outage does to the service.
    /// </summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await RunCheckedAsync(PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], _runAsPostgres, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same <see cref="Port"/>.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await StartServerAsync(DataDirectory, _ownSocketDirectory ?? DataDirectory, Persistent, _binDirectory, _runAsPostgres,
            _logger, ct, fixedPort: Port).ConfigureAwait(false);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and, when not persistent, deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _processExitHandler;
        try
        {
            var result = await RunAsync(PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], _runAsPostgres,
                CancellationToken.None).ConfigureAwait(false);
            if (result.ExitCode != 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                _logger?.LogWarning("pg_ctl stop -m fast failed ({Output}); trying -m immediate", result.Output);
                await RunAsync(PgCtl, ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], _runAsPostgres,
                    CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            _logger?.LogWarning(e, "Could not stop the PostgreSQL cluster in {DataDirectory}", DataDirectory);
        }

        StopWatchdog();
        CleanUpDirectories();
    }

    private string PgCtl => Path.Combine(_binDirectory, "pg_ctl");

    private void StopOnProcessExit()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            var mode = Persistent ? "fast" : "immediate";
            RunAsync(PgCtl, ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "20"], _runAsPostgres, CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Best effort only: the process is exiting.
        }

        StopWatchdog();
        CleanUpDirectories();
    }

    private void CleanUpDirectories()
    {
        if (!Persistent)
        {
            TryDeleteDirectory(DataDirectory, _logger);
        }

        if (_ownSocketDirectory is not null)
        {
            TryDeleteDirectory(_ownSocketDirectory, _logger);
        }
    }

    /// <summary>
    /// A shell that waits for this process to end, then stops the cluster and deletes its directory: covers a test
    /// process that is killed (no ProcessExit). Its stdio is /dev/null so it never holds the test runner's pipes.
    /// </summary>
    private void StartWatchdog()
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            parent=$1; dir=$2; sock=$3; shift 3
            while kill -0 "$parent"; do sleep 1; done
            if [ -f "$dir/postmaster.pid" ]; then "$@" stop -D "$dir" -m immediate -w -t 30; fi
            rm -rf "$dir"
            if [ -n "$sock" ]; then rm -rf "$sock"; fi
            """;
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
            start.ArgumentList.Add(script);
            start.ArgumentList.Add("disputes-pg-watchdog");
            start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(DataDirectory);
            start.ArgumentList.Add(_ownSocketDirectory ?? "");
            foreach (var part in CommandLine(PgCtl, [], _runAsPostgres))
            {
                start.ArgumentList.Add(part);
            }

            _watchdog = Process.Start(start);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _logger?.LogWarning(e, "Could not start the watchdog of the throwaway PostgreSQL cluster");
        }
    }

    private void StopWatchdog()
    {
        var watchdog = Interlocked.Exchange(ref _watchdog, null);
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

    private static async Task<int> StartServerAsync(string dataDirectory, string socketDirectory, bool persistent,
        string binDirectory, bool runAsPostgres, ILogger? logger, CancellationToken ct, int? fixedPort = null)
    {
        var logFile = Path.Combine(dataDirectory, "server.log");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var attempt = 1; ; attempt++)
        {
            // A restart keeps its port (clients reconnect to the same address); a first start takes a free one.
            var port = fixedPort ?? FindFreePort();
            var options = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"-p {port} -k '{socketDirectory}'")
                .Append(" -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB");
            if (!persistent)
            {
                options.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            }

            var logOffset = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
            logger?.LogDebug("Starting PostgreSQL in {DataDirectory} on port {Port}", dataDirectory, port);
            var result = await RunAsync(Path.Combine(binDirectory, "pg_ctl"),
                ["-D", dataDirectory, "-o", options.ToString(), "-l", logFile, "-w", "-t", "60", "start"],
                runAsPostgres, ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return port;
            }

            var log = ReadLogSince(logFile, logOffset);
            // Retry on a port taken between our probe and the server's bind, or on the shared memory of a killed
            // postmaster whose children have not noticed yet that it died.
            var retryable = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase)
                || log.Contains("is still in use", StringComparison.OrdinalIgnoreCase)
                || log.Contains("lock file", StringComparison.OrdinalIgnoreCase) && log.Contains("already exists", StringComparison.OrdinalIgnoreCase);
            if (!retryable || DateTime.UtcNow > deadline || attempt >= 10)
            {
                throw new InvalidOperationException(
                    $"Could not start PostgreSQL in '{dataDirectory}' (pg_ctl exit code {result.ExitCode}).\n" +
                    $"pg_ctl output:\n{result.Output}\nTail of {logFile}:\n{Tail(log, 60)}");
            }

            logger?.LogInformation("PostgreSQL start attempt {Attempt} failed, retrying: {Log}", attempt, Tail(log, 5));
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deals with a <c>postmaster.pid</c> left in a persistent data directory: a server still running there (from an earlier
    /// process) is stopped; a pid file naming a process that is gone or is not this directory's server is removed.
    /// </summary>
    private static async Task StopLeftoverServerAsync(string dataDirectory, string binDirectory, bool runAsPostgres,
        ILogger? logger, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(firstLine?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return; // Being written right now, or garbage: pg_ctl/postgres decide.
        }

        if (!Directory.Exists("/proc/self"))
        {
            // No procfs: let pg_ctl decide whether a server is running.
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60"],
                runAsPostgres, ct).ConfigureAwait(false);
            return;
        }

        if (IsServerOf(pid, dataDirectory))
        {
            logger?.LogInformation("Stopping the PostgreSQL server (pid {Pid}) still running in {DataDirectory}", pid, dataDirectory);
            var pgCtl = Path.Combine(binDirectory, "pg_ctl");
            var result = await RunAsync(pgCtl, ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60"], runAsPostgres, ct)
                .ConfigureAwait(false);
            if (result.ExitCode != 0 && IsServerOf(pid, dataDirectory))
            {
                await RunCheckedAsync(pgCtl, ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"], runAsPostgres, ct)
                    .ConfigureAwait(false);
            }
        }
        else
        {
            logger?.LogInformation("Removing stale postmaster.pid (pid {Pid}) from {DataDirectory}", pid, dataDirectory);
            File.Delete(pidFile);
        }
    }

    /// <summary>Whether <paramref name="pid"/> is alive and is a postgres started with -D <paramref name="dataDirectory"/>.</summary>
    private static bool IsServerOf(int pid, string dataDirectory)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            if (cmdline.Length == 0 || !Path.GetFileName(cmdline[0]).StartsWith("postgres", StringComparison.Ordinal)
                && !Path.GetFileName(cmdline[0]).StartsWith("postmaster", StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = 0; i < cmdline.Length - 1; i++)
            {
                if (cmdline[i] == "-D"
                    && Path.TrimEndingDirectorySeparator(Path.GetFullPath(cmdline[i + 1])) == dataDirectory)
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false; // Gone.
        }
    }

    private static string? FindServerBinaries(int? preferredMajorVersion)
    {
        static bool HasTools(string? directory) =>
            !string.IsNullOrWhiteSpace(directory)
            && File.Exists(Path.Combine(directory, "initdb"))
            && File.Exists(Path.Combine(directory, "pg_ctl"));

        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return HasTools(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.EnumerateDirectories(debianRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"),
                    Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version >= 0 && HasTools(x.Directory))
                .OrderByDescending(x => x.Version == preferredMajorVersion)
                .ThenByDescending(x => x.Version)
                .ToList();
            if (versions.Count > 0)
            {
                return versions[0].Directory;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasTools);
    }

    private static string MissingBinariesDetail()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? MissingBinariesMessage
            : $"{MissingBinariesMessage} ({BinDirectoryVariable}={fromEnvironment} has no initdb and pg_ctl.)";
    }

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static async Task EnsurePostgresUserAsync(CancellationToken ct)
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

    /// <summary>Gives o+x to every directory above <paramref name="dataDirectory"/> that lacks it, so postgres can reach it.</summary>
    private static void EnsureAncestorsTraversable(string dataDirectory, ILogger? logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var directory = Path.GetDirectoryName(dataDirectory); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            var info = new DirectoryInfo(directory);
            if ((info.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                logger?.LogWarning("Adding o+x to {Directory} so the postgres user can reach {DataDirectory}", directory, dataDirectory);
                info.UnixFileMode |= UnixFileMode.OtherExecute;
            }
        }
    }

    private static void RotateServerLog(string dataDirectory)
    {
        var log = new FileInfo(Path.Combine(dataDirectory, "server.log"));
        if (log.Exists && log.Length > 10 * 1024 * 1024)
        {
            log.MoveTo(log.FullName + ".1", overwrite: true);
        }
    }

    private static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string BuildConnectionString(int port, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = PostgresUser,
        Database = database,
    }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync(string serverConnectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        var original = builder.Database;
        builder.Database = "postgres";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && original is not null && original != "postgres")
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            builder.Database = original;
            connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void ValidateDatabaseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DatabaseNamePattern.IsMatch(name))
        {
            throw new ArgumentException(
                $"Database name '{name}' must be letters, digits and underscores, not start with a digit, at most 63 characters.",
                nameof(name));
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void TryDeleteDirectory(string directory, ILogger? logger)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 5)
                {
                    logger?.LogWarning(e, "Could not delete {Directory}", directory);
                    return;
                }

                Thread.Sleep(200); // A just-stopped server may still be removing its files.
            }
        }
    }

    private static string ReadLogSince(string logFile, long offset)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (offset > 0 && offset <= stream.Length)
            {
                stream.Seek(offset, SeekOrigin.Begin);
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read {logFile}: {e.Message})";
        }
    }

    private static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin").Append("/usr/bin").Append("/bin")
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
    }

    private static List<string> CommandLine(string program, IEnumerable<string> arguments, bool runAsPostgres)
    {
        var line = runAsPostgres ? [FindOnPath("runuser") ?? "runuser", "-u", PostgresUser, "--", program] : new List<string> { program };
        line.AddRange(arguments);
        return line;
    }

    private sealed record CommandResult(int ExitCode, string Output);

    private static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, bool runAsPostgres, CancellationToken ct)
    {
        var result = await RunAsync(program, arguments, runAsPostgres, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{string.Join(' ', CommandLine(program, arguments, runAsPostgres))}' failed with exit code {result.ExitCode}:\n{result.Output}");
        }
    }

    /// <summary>Runs a program to its end (killing it after <see cref="CommandTimeout"/>), with stdout and stderr merged.</summary>
    private static async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, bool runAsPostgres, CancellationToken ct)
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
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Disputes.LocalPostgres.ServerCommands;

namespace Disputes.LocalPostgres;

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
/// and by an <see cref="OrphanWatchdog"/> (a tiny shell process) if this process dies without running either.</item>
/// </list>
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>The database created on every start (if missing) and named by <see cref="ConnectionString"/>.</summary>
    public const string DefaultDatabase = "disputes";

    /// <summary>Prefix of the temp directories made by <see cref="StartThrowawayAsync"/>.</summary>
    public const string ThrowawayDirectoryPrefix = "disputes-pg-";

    private const int MaxUnixSocketPathLength = 100; // sun_path is 108 bytes; leave room for "/.s.PGSQL.NNNNN.lock".

    private readonly string _binDirectory;
    private readonly bool _runAsPostgres;
    private readonly string? _ownSocketDirectory;
    private readonly ILogger? _logger;
    private readonly EventHandler _processExitHandler;
    private OrphanWatchdog? _watchdog;
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

    /// <summary>Starts a throwaway cluster in a new directory <c>/tmp/disputes-pg-XXXX</c>, deleted on dispose.</summary>
    public static async Task<LocalPostgresCluster> StartThrowawayAsync(ILogger? logger = null, CancellationToken ct = default)
    {
        if (PostgresBinaries.Find() is null)
        {
            throw new InvalidOperationException(PostgresBinaries.MissingBinariesDetail());
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

        var binDirectory = PostgresBinaries.Find(clusterMajor) ?? throw new InvalidOperationException(PostgresBinaries.MissingBinariesDetail());
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
                cluster._watchdog = OrphanWatchdog.Start(dataDirectory, ownSocketDirectory,
                    CommandLine(cluster.PgCtl, [], runAsPostgres), logger);
            }

            await PostgresDatabases.EnsureAsync(cluster.ConnectionString, DefaultDatabase, ct).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        logger?.LogInformation("PostgreSQL running on 127.0.0.1:{Port}, data in {DataDirectory}", port, dataDirectory);
        return cluster;
    }

    /// <summary>
    /// Creates (or drops and re-creates) the database <paramref name="name"/> and returns a connection string to it
    /// (<see cref="PostgresDatabases.CreateAsync"/> on this cluster).
    /// </summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return PostgresDatabases.CreateAsync(ConnectionString, name, ct);
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

        Interlocked.Exchange(ref _watchdog, null)?.Dispose();
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

        Interlocked.Exchange(ref _watchdog, null)?.Dispose();
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
}

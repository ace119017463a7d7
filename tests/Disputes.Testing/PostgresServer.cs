using System.Net.Sockets;
using Disputes.LocalPostgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Disputes.Testing;

/// <summary>
/// The PostgreSQL server the tests run against, found in this order:
/// <list type="number">
/// <item>the connection string in <c>DISPUTES_TEST_POSTGRES</c> (its database is created if missing);</item>
/// <item>a Testcontainers <c>postgres:15-alpine</c> container, when a Docker engine answers <c>/_ping</c> within 2 s
/// (skip with <c>DISPUTES_TEST_DOCKER=0</c>);</item>
/// <item>a throwaway <see cref="LocalPostgresCluster"/> in <c>/tmp/disputes-pg-XXXX</c>, from the server binaries installed
/// on this machine.</item>
/// </list>
/// </summary>
/// <remarks>
/// <see cref="Shared"/> is one server for the whole test process, started on first use and stopped when the process exits;
/// disposing it does nothing. Tests that need isolation call <see cref="CreateDatabaseAsync"/> with a unique name.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable with a connection string to an existing server.</summary>
    public const string ConnectionStringVariable = "DISPUTES_TEST_POSTGRES";

    /// <summary>Environment variable that, set to 0/false, skips the Docker (Testcontainers) source.</summary>
    public const string DockerVariable = "DISPUTES_TEST_DOCKER";

    private const string ContainerImage = "postgres:15-alpine";
    private static readonly TimeSpan DockerPingTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ContainerStartTimeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<Task<PostgresServer>> SharedServer =
        new(() => StartCoreAsync(shared: true, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly bool _shared;
    private readonly PostgreSqlContainer? _container;
    private readonly LocalPostgresCluster? _cluster;
    private int _disposed;

    private PostgresServer(string connectionString, PostgresServerSource source, string description, bool shared,
        PostgreSqlContainer? container = null, LocalPostgresCluster? cluster = null)
    {
        ConnectionString = connectionString;
        Source = source;
        Description = description;
        _shared = shared;
        _container = container;
        _cluster = cluster;
    }

    /// <summary>One server for the whole test process, started on first use (a failed start is not retried).</summary>
    public static Task<PostgresServer> Shared => SharedServer.Value;

    /// <summary>Same as <see cref="Shared"/>.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    /// <summary>Connection string to an existing database of the server (<c>disputes</c> for Docker and local clusters).</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server came from.</summary>
    public PostgresServerSource Source { get; }

    /// <summary>Human-readable account of the source (and of why earlier sources were skipped), for diagnostics.</summary>
    public string Description { get; }

    /// <summary>Starts (or connects to) a server owned by the caller, who disposes it.</summary>
    public static Task<PostgresServer> StartAsync(CancellationToken ct = default) => StartCoreAsync(shared: false, ct);

    /// <summary>
    /// Drops the database <paramref name="name"/> if present, creates it afresh and returns a connection string to it.
    /// <paramref name="name"/>: letters, digits and underscores, at most 63 characters.
    /// </summary>
    public Task<string> CreateDatabaseAsync(string name) =>
        PostgresDatabases.CreateAsync(ConnectionString, name);

    /// <summary>Stops the container or local cluster this instance started; does nothing for <see cref="Shared"/>.</summary>
    public ValueTask DisposeAsync() => _shared ? ValueTask.CompletedTask : StopAsync();

    /// <summary>
    /// Stops and deletes the shared server, if this process started one: for a test assembly's end, while the test
    /// runner still waits. Left to the process's exit, deleting a cluster that held a database per test class can
    /// outlast the runner's wait for the process to end, which it reports as a fatal error.
    /// </summary>
    public static async ValueTask StopSharedAsync()
    {
        if (SharedServer.IsValueCreated && SharedServer.Value.IsCompletedSuccessfully)
        {
            await SharedServer.Value.Result.StopAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_container is not null)
        {
            await _container.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static async Task<PostgresServer> StartCoreAsync(bool shared, CancellationToken ct)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var database = new NpgsqlConnectionStringBuilder(fromEnvironment).Database;
            if (!string.IsNullOrEmpty(database))
            {
                await PostgresDatabases.EnsureAsync(fromEnvironment, database, ct).ConfigureAwait(false);
            }

            return new PostgresServer(fromEnvironment, PostgresServerSource.EnvironmentVariable,
                $"server from {ConnectionStringVariable}", shared);
        }

        var skipped = new List<string>();
        if (IsDockerDisabled())
        {
            skipped.Add($"Docker skipped ({DockerVariable}=0)");
        }
        else if (await DockerAnswersAsync(ct).ConfigureAwait(false) is { } dockerProblem)
        {
            skipped.Add($"Docker: {dockerProblem}");
        }
        else
        {
            var container = new PostgreSqlBuilder(ContainerImage)
                .WithDatabase(LocalPostgresCluster.DefaultDatabase)
                .WithCommand("-c", "max_connections=200")
                .Build();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ContainerStartTimeout);
                await container.StartAsync(timeout.Token).ConfigureAwait(false);
                if (shared)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                        container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
                }

                return new PostgresServer(container.GetConnectionString(), PostgresServerSource.Docker,
                    $"Testcontainers {ContainerImage}", shared, container: container);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                skipped.Add($"Docker answered but the {ContainerImage} container did not start: {e.GetType().Name}: {e.Message}");
                await container.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (PostgresBinaries.Find() is null)
        {
            throw new InvalidOperationException(
                "No PostgreSQL server for the tests. Set DISPUTES_TEST_POSTGRES to a connection string of an existing server " +
                "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=disputes_test), run a Docker engine " +
                "(Testcontainers), or install the PostgreSQL server binaries (Debian: apt-get install postgresql; or set " +
                $"{PostgresBinaries.BinDirectoryVariable} to the directory with initdb and pg_ctl). " +
                $"Tried: {string.Join("; ", skipped.Append("local: no initdb/pg_ctl found"))}.");
        }

        // Shared: stopped and deleted by StopSharedAsync, or else by the cluster's own ProcessExit handler (and watchdog).
        var cluster = await LocalPostgresCluster.StartThrowawayAsync(logger: null, ct).ConfigureAwait(false);
        var description = $"local throwaway cluster in {cluster.DataDirectory} on port {cluster.Port}";
        if (skipped.Count > 0)
        {
            description += $" ({string.Join("; ", skipped)})";
        }

        return new PostgresServer(cluster.ConnectionString, PostgresServerSource.LocalCluster, description, shared, cluster: cluster);
    }

    private static bool IsDockerDisabled()
    {
        var value = Environment.GetEnvironmentVariable(DockerVariable);
        return value is not null && (value.Trim() == "0" || value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Null when a Docker engine answers <c>GET /_ping</c> within 2 s; otherwise why not.</summary>
    private static async Task<string?> DockerAnswersAsync(CancellationToken ct)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        HttpMessageHandler handler;
        Uri ping;
        if (string.IsNullOrWhiteSpace(dockerHost) || dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            string[] candidates = !string.IsNullOrWhiteSpace(dockerHost) ? [dockerHost["unix://".Length..]]
                : string.IsNullOrWhiteSpace(runtimeDirectory) ? ["/var/run/docker.sock"]
                : ["/var/run/docker.sock", Path.Combine(runtimeDirectory, "docker.sock")];
            var socketPath = candidates.FirstOrDefault(File.Exists);
            if (socketPath is null)
            {
                return $"no Docker socket ({string.Join(", ", candidates)})";
            }

            handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            ping = new Uri("http://localhost/_ping");
        }
        else if (dockerHost.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var scheme = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY")) ? "http" : "https";
            handler = new SocketsHttpHandler();
            ping = new Uri($"{scheme}://{dockerHost["tcp://".Length..].TrimEnd('/')}/_ping");
        }
        else
        {
            return $"DOCKER_HOST={dockerHost} is not a unix:// or tcp:// address";
        }

        using var client = new HttpClient(handler, disposeHandler: true) { Timeout = DockerPingTimeout };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DockerPingTimeout);
        try
        {
            using var response = await client.GetAsync(ping, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{ping} answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or SocketException or IOException)
        {
            ct.ThrowIfCancellationRequested();
            return $"{ping} did not answer ({e.GetType().Name}: {e.Message})";
        }
    }
}

/// <summary>Where a <see cref="PostgresServer"/> came from.</summary>
public enum PostgresServerSource
{
    /// <summary>The connection string in <c>DISPUTES_TEST_POSTGRES</c>.</summary>
    EnvironmentVariable,

    /// <summary>A Testcontainers container.</summary>
    Docker,

    /// <summary>A throwaway <see cref="LocalPostgresCluster"/>.</summary>
    LocalCluster,
}

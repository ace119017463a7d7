using Disputes.LocalPostgres;
using Npgsql;

namespace Disputes.Bench.Infrastructure;

/// <summary>
/// The PostgreSQL server the benchmarks run on: a throwaway local cluster (the kind the service starts on its
/// own), or the server of a given connection string. Every scenario gets a fresh database of its own on it.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly LocalPostgresCluster? _cluster;

    private BenchServer(string connectionString, string description, LocalPostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        Description = description;
        _cluster = cluster;
    }

    /// <summary>A connection string to an existing database of the server.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server came from.</summary>
    public string Description { get; }

    /// <param name="connectionString">A server to use; none starts a throwaway local cluster.</param>
    /// <param name="description">What the given server is, when known (a scenario's process is told its parent's cluster).</param>
    /// <param name="cancellation">Cancels the start.</param>
    public static async Task<BenchServer> StartAsync(string? connectionString, string? description, CancellationToken cancellation)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BenchServer(connectionString, description ?? "server of --connection", null);
        }

        var cluster = await LocalPostgresCluster.StartThrowawayAsync(logger: null, cancellation);
        return new BenchServer(cluster.ConnectionString,
            $"throwaway local cluster (LocalPostgresCluster) in {cluster.DataDirectory} on port {cluster.Port}", cluster);
    }

    /// <summary>Drops <paramref name="name"/> if present, creates it empty and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellation) =>
        PostgresDatabases.CreateAsync(ConnectionString, name, cancellation);

    /// <summary>Drops the database <paramref name="name"/>, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellation)
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresDatabases.DropAsync(ConnectionString, name, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

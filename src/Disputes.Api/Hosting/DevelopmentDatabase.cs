#if DEBUG
using Disputes.LocalPostgres;
#endif

namespace Disputes.Api.Hosting;

/// <summary>
/// The database of a service with no <c>ConnectionStrings:Disputes</c>. A Debug build (what
/// <c>dotnet run --project src/Disputes.Api</c> builds) starts a persistent local PostgreSQL cluster under
/// <c>.data/postgres</c> of the repository, from <c>eng/Disputes.LocalPostgres</c>, which only Debug builds reference.
/// A Release build carries no local PostgreSQL launcher: it refuses to start without a connection string.
/// </summary>
internal static class DevelopmentDatabase
{
#if DEBUG
    /// <summary>Starts (or makes, the first time) the local cluster and returns the connection string to it.</summary>
    public static async Task<string> StartAsync(WebApplicationBuilder builder)
    {
        var directory = Path.Combine(LocalData.Directory, "postgres");
        var cluster = await LocalPostgresCluster.StartAsync(directory, persistent: true);
        Console.WriteLine($"No ConnectionStrings:Disputes configured: using the local PostgreSQL cluster in {cluster.DataDirectory} on port {cluster.Port}.");
        builder.Services.AddSingleton(cluster);
        return cluster.ConnectionString;
    }
#else
    private const string NotConfigured =
        "No ConnectionStrings:Disputes configured. Set it to a PostgreSQL server, e.g. " +
        "ConnectionStrings__Disputes=\"Host=db;Username=disputes;Password=...;Database=disputes\". " +
        "A Release build carries no local PostgreSQL launcher; only a Debug build (dotnet run --project src/Disputes.Api) " +
        "starts a local cluster under .data/postgres.";

    /// <summary>Refuses: a Release build has no local PostgreSQL to start.</summary>
    public static Task<string> StartAsync(WebApplicationBuilder builder) => throw new InvalidOperationException(NotConfigured);
#endif
}

using Disputes.Api.Hosting;
using Npgsql;

namespace Disputes.Bench.Baseline;

/// <summary>
/// The plain Npgsql baselines connect as the service does, with the same defaults for what the connection string leaves
/// out (timeouts and automatic statement preparation, <see cref="DisputesStore.WithDefaults"/>): a ratio then compares
/// the service's work with the same work done plainly, not a service whose statements are prepared with a baseline whose
/// statements are not.
/// </summary>
public static class BaselineDataSource
{
    /// <summary>A data source for <paramref name="connectionString"/> with the service's connection defaults.</summary>
    public static NpgsqlDataSource Create(string connectionString) => NpgsqlDataSource.Create(DisputesStore.WithDefaults(connectionString));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Disputes.Api.ServiceDefaults.Health;

/// <summary>The database answers a query through the service's own connection pool, within the check's timeout.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await TimeBox.WithinAsync(async () =>
            {
                await using var command = dataSource.CreateCommand("select 1");
                return await command.ExecuteScalarAsync();
            }, cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
        {
            // The idle connections of the pool broke with the one that just failed (the server restarted or went
            // away): drop them now, so that once the server is back no request is handed a dead connection.
            dataSource.Clear();
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached.", e);
        }
    }
}

using Disputes.Api.Disputes.Opening;
using Disputes.Api.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Disputes.Api.ServiceDefaults.Health;

/// <summary>
/// The schema the service works in is applied: the event store, the read models the endpoints load, the case
/// number sequence and Wolverine's envelope table exist. A node started against a database that was never
/// migrated (Production applies the schema by command, not on start) is not ready.
/// </summary>
public sealed class SchemaHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    /// <summary>The relations checked, schema-qualified.</summary>
    public static readonly string[] Relations =
    [
        $"{DisputesStore.Schema}.mt_events",
        $"{DisputesStore.Schema}.mt_streams",
        $"{DisputesStore.Schema}.mt_doc_dispute",
        $"{DisputesStore.Schema}.mt_doc_clockrow",
        $"{DisputesStore.Schema}.mt_doc_account",
        $"{DisputesStore.Schema}.mt_doc_complianceday",
        $"{DisputesStore.Schema}.mt_doc_issuednotice",
        $"{DisputesStore.Schema}.mt_event_progression",
        $"{DisputesStore.Schema}.{CaseNumbers.Sequence}",
        $"{DisputesStore.Schema}.wolverine_incoming_envelopes",
    ];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var missing = await TimeBox.WithinAsync(async () =>
            {
                await using var command = dataSource.CreateCommand("select name from unnest($1::text[]) as name where to_regclass(name) is null");
                command.Parameters.Add(new NpgsqlParameter { Value = Relations });
                var names = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }

                return names;
            }, cancellationToken);

            return missing.Count == 0
                ? HealthCheckResult.Healthy($"The {DisputesStore.Schema} schema is applied.")
                : HealthCheckResult.Unhealthy($"The {DisputesStore.Schema} schema is not applied; missing: {string.Join(", ", missing)}.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
        {
            return HealthCheckResult.Unhealthy("The schema cannot be checked: PostgreSQL cannot be reached.", e);
        }
    }
}

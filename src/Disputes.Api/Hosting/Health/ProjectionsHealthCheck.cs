using Disputes.Projections;
using Disputes.Projections.Progress;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace Disputes.Api.Hosting.Health;

/// <summary>
/// Where each asynchronous projection runs (Wolverine gives each to exactly one node) and how far it trails the
/// event log. Degraded, never unhealthy, when one trails by more than a minute: the node can still serve every
/// request, so a load balancer must keep sending it traffic, but an operator should look.
/// </summary>
public sealed class ProjectionsHealthCheck(IWolverineRuntime runtime, IDocumentStore store) : IHealthCheck
{
    /// <summary>How long the oldest unapplied event may wait before the check reports degraded.</summary>
    public static readonly TimeSpan LagTolerance = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var lags = await ProjectionLag.ReadAsync(session, DisputesProjections.Asynchronous, cancellationToken);
        var running = runtime.Agents.AllRunningAgentUris().Select(uri => uri.ToString()).ToList();
        var lines = lags.Select(lag =>
        {
            var where = running.Any(uri => uri.Contains(lag.Projection, StringComparison.OrdinalIgnoreCase))
                ? "runs on this node"
                : "runs on another node";
            return $"{lag.Projection} {where}, {lag.EventsBehind} events ({lag.SecondsBehind:0.0} s) behind.";
        });
        var description = string.Join(' ', lines);
        return lags.Any(lag => lag.SecondsBehind > LagTolerance.TotalSeconds)
            ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Healthy(description);
    }
}

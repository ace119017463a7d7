using Disputes.Api.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace Disputes.Api.ServiceDefaults.Health;

/// <summary>
/// Where each asynchronous projection runs (Wolverine gives each to exactly one node) and how far it trailed the
/// event log at the last reading (<see cref="ProjectionLagMonitor"/>, every five seconds). Degraded, never
/// unhealthy, when one trails by more than a minute: the node can still serve every request, so a load balancer
/// must keep sending it traffic, but an operator should look.
/// </summary>
public sealed class ProjectionsHealthCheck(IWolverineRuntime runtime, ProjectionLagMonitor lag) : IHealthCheck
{
    /// <summary>How long the oldest unapplied event may wait before the check reports degraded.</summary>
    public static readonly TimeSpan LagTolerance = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lags = lag.Latest;
        if (lags.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The projection lag has not been read yet."));
        }

        var running = runtime.Agents.AllRunningAgentUris().Select(uri => uri.ToString()).ToList();
        var lines = lags.Select(l =>
        {
            var where = running.Any(uri => uri.Contains(l.Projection, StringComparison.OrdinalIgnoreCase))
                ? "runs on this node"
                : "runs on another node";
            return $"{l.Projection} {where}, {l.EventsBehind} events ({l.SecondsBehind:0.0} s) behind.";
        });
        var description = string.Join(' ', lines);
        return Task.FromResult(lags.Any(l => l.SecondsBehind > LagTolerance.TotalSeconds)
            ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Healthy(description));
    }
}

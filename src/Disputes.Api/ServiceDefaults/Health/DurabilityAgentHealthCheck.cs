using JasperFx;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Disputes.Api.ServiceDefaults.Health;

/// <summary>
/// Wolverine's durability agent runs on this node: the agent that polls the scheduled messages (the deadline
/// timers) and recovers the durable inbox and outbox. Wolverine assigns it to a node by leader election (the
/// <c>wolverinedb://</c> agent); every node of one database answers ready once one of them holds it, since the
/// timers then fire whichever node runs them.
/// </summary>
public sealed class DurabilityAgentHealthCheck(IWolverineRuntime runtime) : IHealthCheck
{
    /// <summary>The URI scheme of Wolverine's relational durability agents.</summary>
    public const string AgentScheme = "wolverinedb";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var local = runtime.Agents.AllRunningAgentUris().Where(uri => uri.Scheme == AgentScheme).ToList();
        foreach (var uri in local)
        {
            if (runtime.Agents.TryFindActiveAgent<IAgent>(uri, out var agent) && agent.Status == AgentStatus.Running)
            {
                // The agent checks its own health too (its polling loops keep failing while the database is away).
                // Its URI is not printed: it names the database's host and name.
                var own = await TimeBox.WithinAsync(() => agent.CheckHealthAsync(context, CancellationToken.None), cancellationToken);
                return own.Status == HealthStatus.Healthy
                    ? HealthCheckResult.Healthy("Wolverine's durability agent runs on this node.")
                    : new HealthCheckResult(context.Registration.FailureStatus,
                        $"Wolverine's durability agent runs on this node but reports {own.Status}.", own.Exception);
            }
        }

        return await HeldByAnotherNodeAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Wolverine's durability agent runs on another node of this database.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                "Wolverine's durability agent is not running yet: scheduled deadline timers are not being polled.");
    }

    private async Task<bool> HeldByAnotherNodeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var nodes = await TimeBox.WithinAsync(() => runtime.Storage.Nodes.LoadAllNodesAsync(CancellationToken.None), cancellationToken);
            return nodes.SelectMany(node => node.ActiveAgents).Any(uri => uri.Scheme == AgentScheme);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}

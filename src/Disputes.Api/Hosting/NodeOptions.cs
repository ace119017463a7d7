namespace Disputes.Api.Hosting;

/// <summary>
/// Configuration section <c>Disputes:Nodes</c>: how the service nodes sharing one database notice a dead one.
/// Wolverine runs each asynchronous projection on exactly one node; when that node stops sending heartbeats,
/// the leader hands its projections and its owned messages to a live node.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>How often each node writes its heartbeat and checks the others; five seconds unless configured.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old a node's last heartbeat may be before it counts as dead and its work moves elsewhere; thirty
    /// seconds unless configured. Shorter hands work over sooner after a crash, at the risk of a long GC pause
    /// or a slow database making a live node look dead for a moment.
    /// </summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(30);
}

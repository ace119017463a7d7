using System.ComponentModel.DataAnnotations;

namespace Disputes.Api.Hosting;

/// <summary>
/// Configuration section <c>Disputes:Nodes</c>: how the service nodes sharing one database notice a dead one.
/// Wolverine runs each asynchronous projection on exactly one node; when that node stops sending heartbeats,
/// the leader hands its projections and its owned messages to a live node.
/// </summary>
public sealed class NodeOptions : ISettings
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Nodes";

    /// <summary>
    /// How often each node writes its heartbeat and checks the others; two seconds unless configured. The leader
    /// assigns work (the durability agent that runs the timers, the asynchronous projections) on these beats, so
    /// a fresh node is ready about one beat after it starts: with Wolverine's 10 s (first beat at 3 s) a node took
    /// 8.6 s to be ready here, with 2 s (first at 0.5 s) about 2.5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How old a node's last heartbeat may be before it counts as dead and its work moves elsewhere; thirty
    /// seconds unless configured. Shorter hands work over sooner after a crash, at the risk of a long GC pause
    /// or a slow database making a live node look dead for a moment.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the leader checks that every assigned agent (an asynchronous projection, the webhook dispatch, the
    /// timers' durability agent) really runs where it was placed; thirty seconds unless configured (Wolverine's default).
    /// It also bounds a stalled hand-over: when a node dies, the new leader may first try to stop one of its agents on
    /// it, cannot get that confirmed, and places that agent again only after twice this period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CheckAssignmentPeriod { get; set; } = TimeSpan.FromSeconds(30);
}

using System.ComponentModel.DataAnnotations;
using Disputes.Api.Hosting;

namespace Disputes.Api.Disputes.Timing;

/// <summary>
/// Configuration section <c>Disputes:Timers</c>: how quickly due breach and warning timers are handed to their
/// handlers. Each instant's sweep is a durable Wolverine message; a poller on one node releases the due ones in
/// batches, and a sweep records its timers in batches of its own.
/// </summary>
public sealed class TimerDeliveryOptions : ISettings
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Timers";

    /// <summary>
    /// How often due timers are looked for (Wolverine's <c>Durability.ScheduledJobPollingTime</c>); one second
    /// unless configured. A breach is recorded at most about this long after its instant when timers are few.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most due timers one poll releases (Wolverine's <c>Durability.RecoveryBatchSize</c>); 2,000 unless
    /// configured. With Wolverine's default of 100 every 5 s a midnight burst of 10,000 breaches drained at
    /// 20 per second and the last landed eight minutes late (bench/README.md, <c>timers</c>).
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// How many due deadline timers one transaction of a sweep (<see cref="DeadlinesDue"/>) records; 500 unless
    /// configured. Larger batches mean fewer round trips, and a longer wait for a command that meets one of its disputes.
    /// </summary>
    [Range(1, 5_000)]
    public int SweepBatchSize { get; set; } = 500;

    /// <summary>How many batches of one sweep run at once on the node handling it; 2 unless configured.</summary>
    [Range(1, 32)]
    public int SweepWorkers { get; set; } = 2;

    /// <summary>
    /// How long one handling of a sweep works before it sends itself again for the rest; 20 seconds unless configured.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SweepSlice { get; set; } = TimeSpan.FromSeconds(20);
}

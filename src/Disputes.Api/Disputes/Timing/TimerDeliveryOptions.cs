using System.ComponentModel.DataAnnotations;
using Disputes.Api.Hosting;

namespace Disputes.Api.Disputes.Timing;

/// <summary>
/// Configuration section <c>Disputes:Timers</c>: how quickly due breach and warning timers are handed to their
/// handlers. Timers are durable Wolverine messages; a poller on one node releases the due ones in batches.
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
}

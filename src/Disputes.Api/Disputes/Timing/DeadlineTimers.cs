using Disputes.Api.Hosting;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using Disputes.Domain.Holds;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Timing;

/// <summary>
/// Schedules a dispute's warning and breach timers as durable Wolverine messages. They are written to the
/// outbox in the same transaction as the events that set the due dates, so a due date is never stored
/// without its timer, and a restart does not lose them.
/// </summary>
public sealed class DeadlineTimers(IClock clock, IOptions<DeadlineWarningOptions> warnings)
{
    /// <summary>Schedules the timers of <paramref name="clocks"/> (default: both clocks) of <paramref name="dispute"/>.</summary>
    public async Task ScheduleAsync(IMessageBus bus, Dispute dispute, IEnumerable<ComplianceClock>? clocks = null)
    {
        var now = clock.GetCurrentInstant();
        foreach (var which in clocks ?? Enum.GetValues<ComplianceClock>())
        {
            foreach (var (timer, firesAt) in DeadlineTimer.For(dispute, dispute.ClockFor(which), warnings.Value.DaysBefore, now))
            {
                // Delays are measured on the injected clock, so a test clock shifted from real time still
                // fires the timer when its own "now" reaches the breach instant.
                var delay = Duration.Max(firesAt - now, Duration.Zero).ToTimeSpan();
                await bus.ScheduleAsync(timer, delay);
            }
        }
    }
}

/// <summary>Records warnings and breaches when a <see cref="DeadlineTimer"/> fires.</summary>
public static class DeadlineTimerHandler
{
    /// <summary>
    /// Lets the domain decide on the dispute as it stands: a stale timer (the due date moved, the clock was met or
    /// stopped) or a duplicate delivery finds nothing to record. Two deliveries deciding on the same version cannot
    /// both append: the loser's commit fails and it is retried on the new state.
    /// </summary>
    public static Events Handle(DeadlineTimer timer, [WriteAggregate] Dispute? dispute, Marten.IDocumentSession session, IClock clock)
    {
        if (dispute is null)
        {
            return [];
        }

        session.LastModifiedBy = Identity.AuditStamp.TimerActor;
        return [.. FollowDispute.WithHold(dispute, timer.Decide(dispute, clock.GetCurrentInstant()))];
    }
}

using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Timing;
using NodaTime;
using Wolverine;
using Wolverine.Marten;

namespace Disputes.Api.Complaints.Timing;

/// <summary>
/// Schedules a complaint's breach timers as durable Wolverine messages, as <see cref="Disputes.Timing.DeadlineTimers"/> does
/// for a dispute's clocks: written to the outbox in the transaction that logs the complaint, so its deadlines are never
/// stored without their timers, and a restart loses none.
/// </summary>
public sealed class ComplaintTimers(IClock clock)
{
    /// <summary>Schedules the breach timer of each pending deadline of <paramref name="complaint"/>.</summary>
    public async Task ScheduleAsync(IMessageBus bus, Complaint complaint)
    {
        var now = clock.GetCurrentInstant();
        foreach (var (timer, firesAt) in ComplaintDeadlineTimer.For(complaint))
        {
            // Measured on the injected clock, like the dispute timers, so a shifted test clock still fires it.
            await bus.ScheduleAsync(timer, Duration.Max(firesAt - now, Duration.Zero).ToTimeSpan());
        }
    }
}

/// <summary>Records a complaint's breach when a <see cref="ComplaintDeadlineTimer"/> fires.</summary>
public static class ComplaintDeadlineTimerHandler
{
    /// <summary>
    /// Lets the domain decide on the complaint as it stands: a duty done meanwhile, or a second delivery, finds nothing to
    /// record. Two deliveries deciding on the same version cannot both append: the loser is retried on the new state.
    /// </summary>
    public static Events Handle(ComplaintDeadlineTimer timer, [WriteAggregate] Complaint? complaint, Marten.IDocumentSession session, IClock clock)
    {
        if (complaint is null)
        {
            return [];
        }

        session.LastModifiedBy = Identity.AuditStamp.TimerActor;
        return [.. timer.Decide(complaint, clock.GetCurrentInstant())];
    }
}

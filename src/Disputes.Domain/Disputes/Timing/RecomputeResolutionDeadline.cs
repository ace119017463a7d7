using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using NodaTime;

namespace Disputes.Domain.Disputes.Timing;

/// <summary>
/// What a change of the account's calendar does to one dispute (rule book section 3): the breaches due by now are
/// recorded first, exactly as a breach timer would record them; a clock that is no longer pending is never touched; a
/// pending resolution deadline is recomputed from the account's calendar history, and breaches at once when the new
/// deadline has already passed. The correction of a wrongly recorded past closing goes through the same decision, so it
/// too may make a pending deadline earlier (breached at once, if so) and never removes a recorded breach.
/// </summary>
public static class RecomputeResolutionDeadline
{
    /// <summary>The events the change records on <paramref name="dispute"/> at <paramref name="now"/>; empty when nothing changes.</summary>
    /// <param name="dispute">The dispute as stored.</param>
    /// <param name="calendar">The account's calendar history after the change.</param>
    /// <param name="now">When the change is applied.</param>
    /// <param name="correction">The past closing corrected, when the change is a correction; null for a new schedule.</param>
    public static IReadOnlyList<object> Decide(Dispute dispute, BillingCycleCalendar calendar, Instant now, ClosingCorrection? correction = null)
    {
        var events = new List<object>(dispute.BreachesDueBy(now));
        var current = events.Aggregate(dispute, (d, e) => d.Evolve(e));
        if (!current.ResolutionClock.IsPending)
        {
            return events;
        }

        // Both readings of the receipt, as intake made them, so a processing zone keeps its earlier deadline.
        var deadline = current.Receipt.ResolutionDeadlineFor(calendar);
        if (deadline.DueOn == current.ResolutionClock.DueOn && deadline.Basis == current.ResolutionClock.Basis
            && deadline.CapReason == current.ResolutionClock.CapReason)
        {
            return events;
        }

        var recomputed = new ResolutionDeadlineRecomputed(deadline, now, correction);
        events.Add(recomputed);
        events.AddRange(current.Evolve(recomputed).BreachesDueBy(now));
        return events;
    }
}

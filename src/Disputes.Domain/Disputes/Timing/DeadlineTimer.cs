using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using NodaTime;

namespace Disputes.Domain.Disputes.Timing;

/// <summary>
/// A scheduled reminder that a clock's due date is near (<paramref name="DaysBefore"/> set) or has passed
/// (<paramref name="DaysBefore"/> null). It carries the due date it was scheduled for, so a timer left over
/// from an earlier due date, or delivered twice, changes nothing.
/// </summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="Clock">The clock.</param>
/// <param name="DueOn">The due date the timer was scheduled for.</param>
/// <param name="DaysBefore">For a warning: the lead time in days; null for the breach timer.</param>
public sealed record DeadlineTimer(Guid DisputeId, ComplianceClock Clock, LocalDate DueOn, int? DaysBefore)
{
    /// <summary>
    /// The events a firing of this timer at <paramref name="now"/> records: every breach due by then (which
    /// includes this timer's own, if it is one), and the warning if the clock is still pending on the same
    /// due date and was not warned for this lead time yet.
    /// </summary>
    public IReadOnlyList<object> Decide(Dispute dispute, Instant now)
    {
        var events = new List<object>(dispute.BreachesDueBy(now));
        var clock = dispute.ClockFor(Clock);
        var breachingNow = events.OfType<DeadlineBreached>().Any(b => b.Clock == Clock);
        if (DaysBefore is { } days && clock.IsPending && !breachingNow && clock.DueOn == DueOn && !clock.WarningsGiven.Contains(days))
        {
            events.Add(new DeadlineApproaching(Clock, DueOn, days, now));
        }

        return events;
    }

    /// <summary>
    /// The timers a clock needs at <paramref name="now"/>: the breach timer, and one warning per lead time
    /// whose instant is still ahead. A warning of N days fires when N whole days are left to act: at the start of
    /// the day N days before the breach day, found as the breach instant of the due date less N days, so a day
    /// whose midnight a zone skips (or a day it skips whole) is handled as the breach instants are.
    /// </summary>
    public static IEnumerable<(DeadlineTimer Timer, Instant FiresAt)> For(Dispute dispute, DeadlineClock clock, IEnumerable<int> warningDays, Instant now)
    {
        if (!clock.IsPending || clock.DueOn is not { } due)
        {
            yield break;
        }

        var zone = dispute.TimeZone;
        foreach (var days in warningDays.Distinct().Order())
        {
            var firesAt = DeadlineInstants.BreachInstant(due.PlusDays(-days), zone);
            if (firesAt > now)
            {
                yield return (new DeadlineTimer(dispute.Id, clock.Clock, due, days), firesAt);
            }
        }

        yield return (new DeadlineTimer(dispute.Id, clock.Clock, due, null), clock.BreachInstant(zone)!.Value);
    }
}

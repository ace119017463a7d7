using NodaTime;

namespace Disputes.Domain.Complaints.Timing;

/// <summary>
/// A scheduled reminder that a complaint's deadline has passed. It carries the due date it was scheduled for, so a
/// timer delivered twice, or after the duty was done, records nothing.
/// </summary>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="Clock">The deadline.</param>
/// <param name="DueOn">The due date the timer was scheduled for.</param>
public sealed record ComplaintDeadlineTimer(Guid ComplaintId, ComplaintClock Clock, LocalDate DueOn)
{
    /// <summary>The events a firing at <paramref name="now"/> records: every breach due by then, this timer's own among them.</summary>
    public IReadOnlyList<object> Decide(Complaint complaint, Instant now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.BreachesDueBy(now);
    }

    /// <summary>The breach timers <paramref name="complaint"/> needs: one per pending deadline, firing at its breach instant.</summary>
    public static IEnumerable<(ComplaintDeadlineTimer Timer, Instant FiresAt)> For(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var zone = complaint.TimeZone;
        return complaint.Deadlines
            .Where(d => d.IsPending)
            .Select(d => (new ComplaintDeadlineTimer(complaint.Id, d.Clock, d.DueOn), d.BreachInstant(zone)));
    }
}

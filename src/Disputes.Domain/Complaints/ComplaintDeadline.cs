using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using NodaTime;

namespace Disputes.Domain.Complaints;

/// <summary>
/// One deadline of a complaint and where it stands, as a dispute's <see cref="DeadlineClock"/> is for a dispute: pending
/// until its duty is done or its day passes; met when done in time; breached when the day passed first. A breached
/// deadline stays breached when the duty is done late, and <see cref="DoneAt"/> then says when.
/// </summary>
/// <param name="Clock">Which deadline.</param>
/// <param name="Status">Where it stands: <see cref="ClockStatus.Pending"/>, <see cref="ClockStatus.Met"/> or <see cref="ClockStatus.Breached"/>.</param>
/// <param name="DueOn">The last day to do the duty, in the complaint's time zone.</param>
/// <param name="MetAt">When the duty was done in time.</param>
/// <param name="BreachedAt">When the deadline breached: the start of the day after <paramref name="DueOn"/>.</param>
/// <param name="DoneAt">When the duty was done, in time or late; null while it is undone.</param>
public sealed record ComplaintDeadline(ComplaintClock Clock, ClockStatus Status, LocalDate DueOn, Instant? MetAt, Instant? BreachedAt, Instant? DoneAt)
{
    /// <summary>A running deadline due on <paramref name="dueOn"/>.</summary>
    public static ComplaintDeadline Pending(ComplaintClock clock, LocalDate dueOn) => new(clock, ClockStatus.Pending, dueOn, null, null, null);

    /// <summary>True while the duty is undone and the day has not passed; only such a deadline can breach.</summary>
    public bool IsPending => Status == ClockStatus.Pending;

    /// <summary>True while the duty is undone, whether or not its day has passed.</summary>
    public bool IsOutstanding => DoneAt is null;

    /// <summary>The instant the deadline breaches if still pending: the start of the day after <see cref="DueOn"/> in <paramref name="zone"/>.</summary>
    public Instant BreachInstant(DateTimeZone zone) => DeadlineInstants.BreachInstant(DueOn, zone);

    /// <summary>The deadline after <paramref name="event"/>; events that do not concern it leave it unchanged.</summary>
    public ComplaintDeadline Evolve(object @event) => @event switch
    {
        ComplaintResponded e when Clock == ComplaintClock.Response && IsOutstanding => Done(e.RespondedAt),
        ComplaintClosed e when Clock == ComplaintClock.FinalResponse && IsOutstanding => Done(e.ClosedAt),
        ComplaintDeadlineBreached e when e.Clock == Clock && IsPending => this with { Status = ClockStatus.Breached, BreachedAt = e.BreachedAt },
        _ => this,
    };

    private ComplaintDeadline Done(Instant at) =>
        IsPending ? this with { Status = ClockStatus.Met, MetAt = at, DoneAt = at } : this with { DoneAt = at };
}

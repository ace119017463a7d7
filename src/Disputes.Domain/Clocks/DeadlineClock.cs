using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Clocks;

/// <summary>
/// One compliance clock of a dispute and where it stands. Immutable: <see cref="Evolve"/> returns the clock
/// as it stands after an event of the dispute's stream. Read models fold the same events through this type,
/// so the dispute and the compliance lists can never disagree on a clock.
/// </summary>
/// <param name="Clock">Which duty the clock times.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="DueOn">The last day to do the duty, in the account's time zone; null when the clock does not apply.</param>
/// <param name="MetAt">When the duty was done in time (for <see cref="ClockStatus.Met"/> and <see cref="ClockStatus.MetByResolution"/>).</param>
/// <param name="BreachedAt">When the clock breached: the start of the day after <paramref name="DueOn"/>.</param>
/// <param name="Basis">For the resolution clock: whether two billing cycles or the 90-day cap set <paramref name="DueOn"/>.</param>
/// <param name="CapReason">For the resolution clock: why the 90-day cap applied when the calendar was not enough.</param>
/// <param name="WarningsGiven">The lead times, in days, for which a <see cref="DeadlineApproaching"/> was recorded against the current due date.</param>
public sealed record DeadlineClock(
    ComplianceClock Clock,
    ClockStatus Status,
    LocalDate? DueOn,
    Instant? MetAt,
    Instant? BreachedAt,
    ResolutionBasis? Basis,
    string? CapReason,
    IReadOnlyList<int> WarningsGiven)
{
    /// <summary>A clock that does not run, because the notice missed the filing window.</summary>
    public static DeadlineClock NotApplicable(ComplianceClock clock) =>
        new(clock, ClockStatus.NotApplicable, null, null, null, null, null, []);

    /// <summary>A running clock due on <paramref name="dueOn"/>.</summary>
    public static DeadlineClock Pending(ComplianceClock clock, LocalDate dueOn, ResolutionBasis? basis = null, string? capReason = null) =>
        new(clock, ClockStatus.Pending, dueOn, null, null, basis, capReason, []);

    /// <summary>The acknowledgment clock a newly opened dispute starts with.</summary>
    public static DeadlineClock ForAcknowledgment(DisputeOpened opened) =>
        opened.AcknowledgmentDueOn is { } due ? Pending(ComplianceClock.Acknowledgment, due) : NotApplicable(ComplianceClock.Acknowledgment);

    /// <summary>The resolution clock a newly opened dispute starts with.</summary>
    public static DeadlineClock ForResolution(DisputeOpened opened) =>
        opened.ResolutionDeadline is { } deadline
            ? Pending(ComplianceClock.Resolution, deadline.DueOn, deadline.Basis, deadline.CapReason)
            : NotApplicable(ComplianceClock.Resolution);

    /// <summary>True while the duty is undone and the due date has not passed; only such a clock can breach.</summary>
    public bool IsPending => Status == ClockStatus.Pending;

    /// <summary>The instant this clock breaches if still pending: the start of the day after <see cref="DueOn"/> in <paramref name="zone"/>.</summary>
    public Instant? BreachInstant(DateTimeZone zone) => DueOn is { } due ? DeadlineInstants.BreachInstant(due, zone) : null;

    /// <summary>The clock after <paramref name="event"/>; events that do not concern it leave it unchanged.</summary>
    public DeadlineClock Evolve(object @event) => @event switch
    {
        AcknowledgmentSent e when IsPending && Clock == ComplianceClock.Acknowledgment =>
            this with { Status = ClockStatus.Met, MetAt = e.SentAt },
        DisputeResolved { LetterByPost: false } e when IsPending => MetByResolutionNotice(e.ResolvedAt),

        // A resolution letter by post meets the clocks when the vendor hands it to the post; the breaches due by then are
        // recorded before it, so a clock still pending here is met in time.
        Notices.NoticeIssued { Kind: Notices.NoticeKind.Correction or Notices.NoticeKind.Explanation } e when IsPending => MetByResolutionNotice(e.SentAt),
        DisputeWithdrawn when IsPending => this with { Status = ClockStatus.Stopped },
        DeadlineBreached e when IsPending && e.Clock == Clock =>
            this with { Status = ClockStatus.Breached, BreachedAt = e.BreachedAt },
        DeadlineApproaching e when e.Clock == Clock && e.DueOn == DueOn =>
            this with { WarningsGiven = [.. WarningsGiven, e.DaysBefore] },
        ResolutionDeadlineRecomputed e when IsPending && Clock == ComplianceClock.Resolution =>
            this with { DueOn = e.Deadline.DueOn, Basis = e.Deadline.Basis, CapReason = e.Deadline.CapReason, WarningsGiven = [] },
        _ => this,
    };

    // Rule book section 8: the correction or explanation meets the resolution clock, and the acknowledgment clock too
    // when it was still pending (section 2: resolved within the 30 days, so no acknowledgment was needed).
    private DeadlineClock MetByResolutionNotice(Instant sentAt) => Clock == ComplianceClock.Acknowledgment
        ? this with { Status = ClockStatus.MetByResolution, MetAt = sentAt }
        : this with { Status = ClockStatus.Met, MetAt = sentAt };
}

using Disputes.Domain.Clocks;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>How the written notice that answers a clock failed it (rule book section 8: the date a notice is sent meets a clock).</summary>
public enum NoticeLapseKind
{
    /// <summary>The clock's due date passed and no notice that meets it was sent or queued.</summary>
    Missing,

    /// <summary>The clock's due date passed while the notice waits in the print queue: rendered, but not mailed.</summary>
    WaitingForPost,

    /// <summary>The notice was sent after the clock's due date (in the account's time zone).</summary>
    SentLate,

    /// <summary>
    /// The notice was mailed by the due date, but the mail vendor confirmed it only after the breach instant, so the clock
    /// stayed breached: the service could not know in time.
    /// </summary>
    ConfirmedAfterBreach,
}

/// <summary>A clock's written notice that is missing or late, and by how much.</summary>
/// <param name="Kind">How it failed the clock.</param>
/// <param name="DaysLate">
/// Calendar days in the account's time zone: from the due date to the day the notice was sent (<see cref="NoticeLapseKind.SentLate"/>),
/// or to today while none is sent (<see cref="NoticeLapseKind.Missing"/>, <see cref="NoticeLapseKind.WaitingForPost"/>); 0 for
/// <see cref="NoticeLapseKind.ConfirmedAfterBreach"/>, whose letter went out in time.
/// </param>
public sealed record NoticeLapse(NoticeLapseKind Kind, int DaysLate);

/// <summary>
/// Whether the written notice that answers a clock was missing or late (rule book section 8): the acknowledgment clock is
/// answered by the acknowledgment or by the resolution notice, the resolution clock by the correction or explanation
/// (<see cref="NoticeKinds.ClocksMet"/>), and either is on time when sent by the end of the due date in the account's zone.
/// </summary>
public static class NoticeTimeliness
{
    /// <summary>The lapse of the notice answering <paramref name="clock"/> as it stands at <paramref name="now"/>; null when there is none.</summary>
    /// <param name="clock">The clock, as the dispute's events left it.</param>
    /// <param name="zone">The account's time zone, which the due date is in.</param>
    /// <param name="sentAt">When the first notice that meets the clock was sent; null while none is.</param>
    /// <param name="queuedAt">When such a notice was queued for the post, while it waits there unmailed; null otherwise.</param>
    /// <param name="now">When the question is asked.</param>
    /// <returns>
    /// Null for a clock that does not apply or was stopped (no notice was owed), for one met in time, for one not yet due,
    /// and for one met before notices were written (nothing was sent, but the duty was recorded as done in time).
    /// </returns>
    public static NoticeLapse? Judge(DeadlineClock clock, DateTimeZone zone, Instant? sentAt, Instant? queuedAt, Instant now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(zone);
        if (clock.DueOn is not { } due || clock.Status is ClockStatus.NotApplicable or ClockStatus.Stopped)
        {
            return null;
        }

        var breachesAt = clock.BreachInstant(zone)!.Value;
        if (sentAt is { } sent)
        {
            if (sent >= breachesAt)
            {
                return new NoticeLapse(NoticeLapseKind.SentLate, DaysAfter(due, sent, zone));
            }

            return clock.Status == ClockStatus.Breached ? new NoticeLapse(NoticeLapseKind.ConfirmedAfterBreach, 0) : null;
        }

        if (clock.Status is ClockStatus.Met or ClockStatus.MetByResolution || now < breachesAt)
        {
            return null;
        }

        return new NoticeLapse(queuedAt is null ? NoticeLapseKind.Missing : NoticeLapseKind.WaitingForPost, DaysAfter(due, now, zone));
    }

    private static int DaysAfter(LocalDate due, Instant at, DateTimeZone zone) => Period.Between(due, at.InZone(zone).Date, PeriodUnits.Days).Days;
}

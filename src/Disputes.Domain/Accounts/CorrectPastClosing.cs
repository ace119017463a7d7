using Disputes.Domain.BillingCycles;
using Disputes.Domain.Disputes;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Domain.Accounts;

/// <summary>
/// A past closing of the account's calendar was recorded on the wrong day, or not at all, and a supervisor or compliance
/// officer says when the cycle really closed (rule book section 3). The one way a past closing changes: a new schedule
/// never rewrites one. Open disputes' resolution deadlines are then decided again; a pending deadline may become earlier
/// (and breach at once), and a recorded breach stays.
/// </summary>
/// <param name="RecordedClosingDate">The closing date as the calendar history shows it; null for a closing it did not record.</param>
/// <param name="CorrectClosingDate">The day the cycle really closed.</param>
/// <param name="Reason">Why, for the audit history: free text, screened.</param>
/// <param name="CorrectedAt">When.</param>
public sealed record PastClosingCorrected(LocalDate? RecordedClosingDate, LocalDate CorrectClosingDate, string Reason, Instant CorrectedAt)
{
    /// <summary>The correction as the calendar history and the disputes' recompute carry it.</summary>
    public ClosingCorrection Correction => new(RecordedClosingDate, CorrectClosingDate);
}

/// <summary>Correcting one wrongly recorded (or unrecorded) past closing of an account's calendar history.</summary>
/// <param name="RecordedClosingDate">
/// The closing date as the calendar history shows it, a closing that has happened; null when the history lacks the closing
/// altogether (a calendar that does not reach back to a receipt), which the correction then adds.
/// </param>
/// <param name="CorrectClosingDate">The day the cycle really closed: also past, and still between the closings around it.</param>
/// <param name="Reason">Why the history was wrong.</param>
public sealed record CorrectPastClosing(LocalDate? RecordedClosingDate, LocalDate CorrectClosingDate, string Reason)
{
    // Closings more than two cycles from the day in question are not its neighbours in any calendar the service accepts.
    private const int NeighbourReachInDays = 2 * BillingCycleCalendar.MaxCycleLengthInDays;

    /// <summary>
    /// The event that corrects the closing of <paramref name="account"/> at <paramref name="now"/>. Both days must be
    /// before today in the account's zone: a closing still ahead follows the schedule, which a calendar change sets. The
    /// corrected day stays strictly between the closings before and after it (an added one is not a closing already) and
    /// keeps every cycle at most <see cref="BillingCycleCalendar.MaxCycleLengthInDays"/> days long, so a correction moves or
    /// adds one closing and never reorders the cycles.
    /// </summary>
    /// <exception cref="DisputeFieldViolation">A day breaks one of those rules; each field is named with what is wrong.</exception>
    public PastClosingCorrected Decide(Account account, Instant now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var zone = account.TimeZone;
        var today = now.InZone(zone).Date;
        var history = account.History;
        var violations = new List<(string Field, string Message)>();

        // The closing moved (or, for an added one, its day) is the point its neighbours are found around.
        var pivot = RecordedClosingDate ?? CorrectClosingDate;
        var previous = history.ClosingDatesOnOrAfter(pivot.PlusDays(-NeighbourReachInDays))
            .TakeWhile(closing => closing < pivot).Cast<LocalDate?>().LastOrDefault();
        var next = history.ClosingDatesOnOrAfter(pivot.PlusDays(1)).Cast<LocalDate?>().FirstOrDefault();

        if (RecordedClosingDate is { } recorded)
        {
            if (recorded >= today)
            {
                violations.Add(("recordedClosingDate",
                    $"must be a closing that has happened, before today ({Iso(today)} in {zone.Id}); a closing still ahead follows the schedule, which PUT /api/accounts/{{accountId}} changes."));
            }
            else if (!history.IsClosing(recorded))
            {
                var nearest = new[] { previous, next }.OfType<LocalDate>().Select(Iso).ToList();
                violations.Add(("recordedClosingDate", nearest.Count == 0
                    ? "is not a closing date of the account's calendar history, which has none near it; leave it out to add a closing the history lacks."
                    : $"is not a closing date of the account's calendar history (the closings nearest it are {string.Join(" and ", nearest)}); leave it out to add a closing the history lacks."));
            }
        }

        if (CorrectClosingDate >= today)
        {
            violations.Add(("correctClosingDate", $"must be before today ({Iso(today)} in {zone.Id}): a correction records a closing that has happened."));
        }
        else if (CorrectClosingDate == RecordedClosingDate)
        {
            violations.Add(("correctClosingDate", "must differ from recordedClosingDate."));
        }
        else if (RecordedClosingDate is null && history.IsClosing(CorrectClosingDate))
        {
            violations.Add(("correctClosingDate", "is a closing date of the account's calendar history already; give recordedClosingDate to move a closing."));
        }

        if (violations.Count == 0)
        {
            if (previous is { } before && CorrectClosingDate <= before)
            {
                violations.Add(("correctClosingDate", $"must be after the closing before it, {Iso(before)}: a correction moves one closing and never past another."));
            }
            else if (next is { } after && CorrectClosingDate >= after)
            {
                violations.Add(("correctClosingDate", $"must be before the closing after it, {Iso(after)}: a correction moves one closing and never past another."));
            }
            else if ((LongCycle(previous, CorrectClosingDate) ?? LongCycle(CorrectClosingDate, next)) is { } cycle)
            {
                violations.Add(("correctClosingDate",
                    $"would make the cycle from {cycle} longer than {BillingCycleCalendar.MaxCycleLengthInDays} days, the most a billing cycle lasts."));
            }
        }

        if (violations.Count > 0)
        {
            throw new DisputeFieldViolation(violations);
        }

        return new PastClosingCorrected(RecordedClosingDate, CorrectClosingDate, Reason, now);
    }

    private static string? LongCycle(LocalDate? from, LocalDate? to) =>
        from is { } start && to is { } end && Period.Between(start, end, PeriodUnits.Days).Days > BillingCycleCalendar.MaxCycleLengthInDays
            ? $"{Iso(start)} to {Iso(end)}"
            : null;

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

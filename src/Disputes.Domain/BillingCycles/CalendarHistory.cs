using System.Text.Json.Serialization;
using NodaTime;

namespace Disputes.Domain.BillingCycles;

/// <summary>One calendar of an account's history and the day it came into force.</summary>
/// <param name="InForceFrom">
/// The first local day (account's zone) on which this calendar decides the closings; <see cref="LocalDate.MinIsoValue"/>
/// for the calendar the account was registered with, which also tells the closings before registration.
/// </param>
/// <param name="Calendar">The calendar in force from that day.</param>
public sealed record CalendarInForce(LocalDate InForceFrom, BillingCycleCalendar Calendar);

/// <summary>
/// A past closing the calendar recorded on one day that in fact happened on another, or did not record at all (rule book
/// section 3).
/// </summary>
/// <param name="RecordedOn">The closing date as the calendar had it; null for a closing it did not record.</param>
/// <param name="ClosedOn">The day the cycle really closed.</param>
public sealed record ClosingCorrection(LocalDate? RecordedOn, LocalDate ClosedOn);

/// <summary>
/// An account's billing-cycle calendar as a history (rule book section 3): a closing before the day of a change has
/// happened and stays a fact; the changed calendar decides only the closings from that day on. Deadlines are computed
/// from this merged calendar, never from the newest schedule alone.
/// </summary>
/// <remarks>
/// Example: closing day 15, changed on 2025-04-20 to the 1st. The history closes on 03-15 and 04-15 (the old
/// schedule, before the change), then on 05-01 and 06-01 (the new one). A past closing that was recorded wrongly is
/// fixed only by an explicit correction (<see cref="Corrected"/>), never by a change of the schedule.
/// </remarks>
public sealed record CalendarHistory : BillingCycleCalendar
{
    // A correction moves one closing strictly between its neighbours, each at most one cycle away, so a closing moved to
    // a day on or after some date was scheduled no further than two cycles before it.
    private const int CorrectionReachInDays = 2 * MaxCycleLengthInDays;

    private readonly CalendarInForce[] calendars;
    private readonly ClosingCorrection[] corrections = [];

    /// <summary>A history of one calendar, in force for all time.</summary>
    public CalendarHistory(BillingCycleCalendar registered) =>
        calendars = [new CalendarInForce(LocalDate.MinIsoValue, registered)];

    /// <summary>A history of <paramref name="calendars"/> and the <paramref name="corrections"/> of its past closings, as stored.</summary>
    /// <exception cref="ArgumentException">
    /// The list is empty, does not start with a calendar in force for all time, or its days are not strictly ascending.
    /// </exception>
    [JsonConstructor]
    public CalendarHistory(IReadOnlyList<CalendarInForce> calendars, IReadOnlyList<ClosingCorrection>? corrections = null)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        if (calendars.Count == 0 || calendars[0].InForceFrom != LocalDate.MinIsoValue)
        {
            throw new ArgumentException("A calendar history starts with the calendar the account was registered with.", nameof(calendars));
        }

        for (var i = 1; i < calendars.Count; i++)
        {
            if (calendars[i].InForceFrom <= calendars[i - 1].InForceFrom)
            {
                throw new ArgumentException(
                    $"Calendar changes must be in order of their days; {Iso(calendars[i].InForceFrom)} follows {Iso(calendars[i - 1].InForceFrom)}.",
                    nameof(calendars));
            }
        }

        this.calendars = [.. calendars];
        this.corrections = [.. corrections ?? []];
    }

    /// <summary>The calendars, oldest first, each in force until the next one's first day.</summary>
    public IReadOnlyList<CalendarInForce> Calendars => calendars;

    /// <summary>
    /// The past closings corrected so far, each from the date the calendars give (<see cref="ClosingCorrection.RecordedOn"/>)
    /// to the day it really happened; a closing corrected twice is listed once, with its latest day.
    /// </summary>
    public IReadOnlyList<ClosingCorrection> Corrections => corrections;

    /// <summary>
    /// The history after the closing it now shows on <paramref name="recordedOn"/> is corrected to
    /// <paramref name="closedOn"/>, or, with no <paramref name="recordedOn"/>, after the closing it missed on
    /// <paramref name="closedOn"/> is added. The calendars stay as they are: the correction applies to that one closing.
    /// </summary>
    /// <remarks>
    /// Whether the correction is allowed (past days, kept between the neighbouring closings) is <c>CorrectPastClosing</c>'s
    /// decision; this only records it.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="recordedOn"/> is not a closing of the history, or the closing to add is one already.
    /// </exception>
    public CalendarHistory Corrected(LocalDate? recordedOn, LocalDate closedOn)
    {
        if (recordedOn is not { } recorded)
        {
            return IsClosing(closedOn)
                ? throw new ArgumentException($"{Iso(closedOn)} is a closing date of the calendar history already.", nameof(closedOn))
                : new CalendarHistory(calendars, [.. corrections, new ClosingCorrection(null, closedOn)]);
        }

        if (!IsClosing(recorded))
        {
            throw new ArgumentException($"{Iso(recorded)} is not a closing date of the calendar history.", nameof(recordedOn));
        }

        // Kept against the schedule's own date (or as an added closing), so a closing corrected twice stays one correction.
        var earlier = Array.Find(corrections, c => c.ClosedOn == recorded);
        var scheduled = earlier is null ? recorded : earlier.RecordedOn;
        ClosingCorrection[] kept = [.. corrections.Where(c => c != earlier)];
        return new CalendarHistory(calendars, scheduled == closedOn ? kept : [.. kept, new ClosingCorrection(scheduled, closedOn)]);
    }

    /// <summary>Whether the history closes a cycle on <paramref name="date"/>.</summary>
    public bool IsClosing(LocalDate date) => ClosingDatesOnOrAfter(date).Cast<LocalDate?>().FirstOrDefault() == date;

    /// <summary>
    /// The history after <paramref name="calendar"/> comes into force on <paramref name="day"/>. A second change on the
    /// same day replaces the first; a change dated before the newest one is refused, because history is not rewritten.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="day"/> is before the newest calendar's first day.</exception>
    public CalendarHistory ChangedOn(LocalDate day, BillingCycleCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var newest = calendars[^1].InForceFrom;
        if (day < newest)
        {
            throw new ArgumentException(
                $"A calendar change on {Iso(day)} would rewrite the calendar in force since {Iso(newest)}.", nameof(day));
        }

        // Corrections are of past closings, before the day of any later change, so they carry over unchanged.
        var kept = day == newest ? calendars[..^1] : calendars;
        return kept.Length == 0
            ? new CalendarHistory([new CalendarInForce(LocalDate.MinIsoValue, calendar)], corrections)
            : new CalendarHistory([.. kept, new CalendarInForce(day, calendar)], corrections);
    }

    /// <summary>
    /// The closing dates on or after <paramref name="date"/>: each calendar's own closings in the days it was in force,
    /// with the corrected closings on the days they really happened.
    /// </summary>
    public override IEnumerable<LocalDate> ClosingDatesOnOrAfter(LocalDate date)
    {
        if (corrections.Length == 0)
        {
            return Scheduled(date);
        }

        return WithCorrections(date);

        // The scheduled closings, each moved to the day it really happened, merged in order with the ones added.
        IEnumerable<LocalDate> WithCorrections(LocalDate from)
        {
            var missing = new Queue<LocalDate>(corrections.Where(c => c.RecordedOn is null && c.ClosedOn >= from).Select(c => c.ClosedOn).Order());
            foreach (var closing in Scheduled(from.PlusDays(-CorrectionReachInDays)))
            {
                var actual = Array.Find(corrections, c => c.RecordedOn == closing)?.ClosedOn ?? closing;
                if (actual < from)
                {
                    continue;
                }

                while (missing.TryPeek(out var next) && next < actual)
                {
                    yield return missing.Dequeue();
                }

                yield return actual;
            }

            while (missing.TryDequeue(out var next))
            {
                yield return next;
            }
        }
    }

    private IEnumerable<LocalDate> Scheduled(LocalDate date)
    {
        for (var i = 0; i < calendars.Length; i++)
        {
            var until = i + 1 < calendars.Length ? calendars[i + 1].InForceFrom : (LocalDate?)null;
            if (until is { } end && end <= date)
            {
                continue;
            }

            var from = LocalDate.Max(date, calendars[i].InForceFrom);
            foreach (var closing in calendars[i].Calendar.ClosingDatesOnOrAfter(from))
            {
                if (until is { } stop && closing >= stop)
                {
                    break;
                }

                yield return closing;
            }
        }
    }

    /// <summary>Compares the calendars and their first days, in order, and the corrections.</summary>
    public bool Equals(CalendarHistory? other) =>
        other is not null && calendars.AsSpan().SequenceEqual(other.calendars) && corrections.AsSpan().SequenceEqual(other.corrections);

    /// <summary>A hash code consistent with <see cref="Equals(CalendarHistory?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var inForce in calendars)
        {
            hash.Add(inForce);
        }

        foreach (var correction in corrections)
        {
            hash.Add(correction);
        }

        return hash.ToHashCode();
    }
}

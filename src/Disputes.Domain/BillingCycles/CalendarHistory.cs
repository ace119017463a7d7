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
/// An account's billing-cycle calendar as a history (rule book section 3): a closing before the day of a change has
/// happened and stays a fact; the changed calendar decides only the closings from that day on. Deadlines are computed
/// from this merged calendar, never from the newest schedule alone.
/// </summary>
/// <remarks>
/// Example: closing day 15, changed on 2025-04-20 to the 1st. The history closes on 03-15 and 04-15 (the old
/// schedule, before the change), then on 05-01 and 06-01 (the new one).
/// </remarks>
public sealed record CalendarHistory : BillingCycleCalendar
{
    private readonly CalendarInForce[] calendars;

    /// <summary>A history of one calendar, in force for all time.</summary>
    public CalendarHistory(BillingCycleCalendar registered) =>
        calendars = [new CalendarInForce(LocalDate.MinIsoValue, registered)];

    /// <summary>A history of <paramref name="calendars"/>, as stored.</summary>
    /// <exception cref="ArgumentException">
    /// The list is empty, does not start with a calendar in force for all time, or its days are not strictly ascending.
    /// </exception>
    [JsonConstructor]
    public CalendarHistory(IReadOnlyList<CalendarInForce> calendars)
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
    }

    /// <summary>The calendars, oldest first, each in force until the next one's first day.</summary>
    public IReadOnlyList<CalendarInForce> Calendars => calendars;

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

        var kept = day == newest ? calendars[..^1] : calendars;
        return kept.Length == 0 ? new CalendarHistory(calendar) : new CalendarHistory([.. kept, new CalendarInForce(day, calendar)]);
    }

    /// <summary>
    /// The closing dates on or after <paramref name="date"/>: each calendar's own closings in the days it was in force.
    /// </summary>
    public override IEnumerable<LocalDate> ClosingDatesOnOrAfter(LocalDate date)
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

    /// <summary>Compares the calendars and their first days, in order.</summary>
    public bool Equals(CalendarHistory? other) => other is not null && calendars.AsSpan().SequenceEqual(other.calendars);

    /// <summary>A hash code consistent with <see cref="Equals(CalendarHistory?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var inForce in calendars)
        {
            hash.Add(inForce);
        }

        return hash.ToHashCode();
    }
}

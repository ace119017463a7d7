using System.Text;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Domain.BillingCycles;

/// <summary>
/// The dates on which an account's billing cycles close: the source of the "two complete billing cycles"
/// of 12 CFR 1026.13(c)(2).
/// </summary>
/// <remarks>
/// A billing cycle is the interval between regular periodic statements (12 CFR 1026.2(a)(4)); its closing
/// date is the last day it covers. Closing dates are calendar dates with no time of day or time zone: they
/// are read in the account's time zone.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MonthlyClosingDay), "monthly")]
[JsonDerivedType(typeof(ExplicitClosingDates), "explicit")]
[JsonDerivedType(typeof(CalendarHistory), "history")]
public abstract record BillingCycleCalendar
{
    /// <summary>
    /// Returns the closing dates that fall on or after <paramref name="date"/>, earliest first.
    /// </summary>
    /// <param name="date">The earliest date of interest, itself included.</param>
    /// <returns>
    /// The closing dates on or after <paramref name="date"/>, in strictly ascending order. The sequence is lazy
    /// and may be unbounded, so callers take only as many as they need; it may also be empty or shorter than
    /// needed when the calendar lists only some closing dates.
    /// </returns>
    public abstract IEnumerable<LocalDate> ClosingDatesOnOrAfter(LocalDate date);

    /// <summary>
    /// The longest billing cycle, in days: a cycle may be up to a quarter of a year (1026.2(a)(4)), at most 92 days.
    /// An explicit list with a longer gap is refused when it is registered.
    /// </summary>
    public const int MaxCycleLengthInDays = 92;

    /// <summary>
    /// Whether the calendar knows a closing on or before <paramref name="date"/>, so the cycle that contains it is
    /// known. Cycles are at most <see cref="MaxCycleLengthInDays"/> long, so only that many days back are looked at.
    /// </summary>
    public bool KnowsAClosingOnOrBefore(LocalDate date) =>
        ClosingDatesOnOrAfter(date.PlusDays(-MaxCycleLengthInDays)).TakeWhile(closing => closing <= date).Any();

    // Shared by the derived records so that every message shows dates the same, culture-independent way.
    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

/// <summary>
/// A calendar whose cycles close on the same day of every month, or on the month's last day when the month is
/// shorter than that.
/// </summary>
/// <remarks>
/// With a closing day of 31, cycles close on 31 January, 28 (or 29) February, 31 March, 30 April, and so on.
/// The closing day is validated both on construction and on a <c>with</c> expression, so a deserialized or
/// copied value is always valid.
/// </remarks>
/// <param name="Day">The day of the month on which cycles close, from 1 to 31 inclusive.</param>
public sealed record MonthlyClosingDay(int Day) : BillingCycleCalendar
{
    private readonly int day = Validate(Day);

    /// <summary>
    /// The day of the month on which cycles close, from 1 to 31 inclusive. In a month with fewer days, the
    /// cycle closes on the month's last day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 31.</exception>
    public int Day
    {
        get => day;
        init => day = Validate(value);
    }

    /// <summary>
    /// Returns every monthly closing date on or after <paramref name="date"/>, earliest first.
    /// </summary>
    /// <param name="date">The earliest date of interest, itself included.</param>
    /// <returns>
    /// One closing date per month, starting with <paramref name="date"/>'s month if its closing date is not
    /// already past, in the calendar system of <paramref name="date"/>. The sequence is lazy and ends only at
    /// the calendar system's last supported month.
    /// </returns>
    public override IEnumerable<LocalDate> ClosingDatesOnOrAfter(LocalDate date)
    {
        var month = new YearMonth(date.Year, date.Month, date.Calendar);
        var last = new YearMonth(date.Calendar.MaxYear, 12, date.Calendar);
        while (true)
        {
            var closing = ClosingDateIn(month);
            if (closing >= date)
            {
                yield return closing;
            }

            if (month == last)
            {
                yield break;
            }

            month = month.PlusMonths(1);
        }
    }

    private LocalDate ClosingDateIn(YearMonth month) =>
        month.OnDayOfMonth(Math.Min(Day, month.Calendar.GetDaysInMonth(month.Year, month.Month)));

    private static int Validate(int day) =>
        day is >= 1 and <= 31
            ? day
            : throw new ArgumentOutOfRangeException(
                nameof(Day), day, $"A monthly closing day must be between 1 and 31; got {day}.");
}

/// <summary>
/// A calendar that lists the account's closing dates one by one, for cycles that are not monthly (quarterly
/// statements, irregular schedules) or when the issuer supplies its statement dates.
/// </summary>
/// <remarks>
/// Only the listed dates are known: when a deadline needs a closing date beyond the end of the list, the
/// calendar cannot supply it and the deadline falls back to its fixed-length limit. Two calendars are equal
/// when they list the same dates.
/// </remarks>
/// <param name="Dates">
/// The closing dates, non-empty and strictly ascending (no date listed twice). The list is copied, so later
/// changes to the caller's list have no effect.
/// </param>
public sealed record ExplicitClosingDates(IReadOnlyList<LocalDate> Dates) : BillingCycleCalendar
{
    private readonly LocalDate[] dates = Validate(Dates);

    /// <summary>
    /// The closing dates, non-empty and in strictly ascending order.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">The value is empty, or not strictly ascending.</exception>
    public IReadOnlyList<LocalDate> Dates
    {
        get => dates;
        init => dates = Validate(value);
    }

    /// <summary>
    /// Returns the listed closing dates on or after <paramref name="date"/>, earliest first.
    /// </summary>
    /// <param name="date">The earliest date of interest, itself included.</param>
    /// <returns>
    /// The listed dates on or after <paramref name="date"/>; empty when every listed date is earlier.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="date"/> is in a different calendar system from the listed dates.
    /// </exception>
    public override IEnumerable<LocalDate> ClosingDatesOnOrAfter(LocalDate date)
    {
        // The list is sorted, so a binary search finds the first candidate without scanning years of history.
        var index = Array.BinarySearch(dates, date);
        var start = index >= 0 ? index : ~index;
        return new ArraySegment<LocalDate>(dates, start, dates.Length - start);
    }

    /// <summary>
    /// Compares the listed dates, in order, rather than the identity of the lists.
    /// </summary>
    /// <param name="other">The calendar to compare with; may be null.</param>
    /// <returns>True when <paramref name="other"/> lists exactly the same dates.</returns>
    public bool Equals(ExplicitClosingDates? other) =>
        other is not null && dates.AsSpan().SequenceEqual(other.dates);

    /// <summary>
    /// Returns a hash code computed from the listed dates, consistent with <see cref="Equals(ExplicitClosingDates?)"/>.
    /// </summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var date in dates)
        {
            hash.Add(date);
        }

        return hash.ToHashCode();
    }

    /// <summary>Writes the listed dates, in ISO format, for <see cref="object.ToString"/>.</summary>
    /// <param name="builder">The text being built.</param>
    /// <returns>True, as there is always at least one date to print.</returns>
    /// <remarks>The compiler-generated version would print the list's type name rather than the dates.</remarks>
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Dates = [").AppendJoin(", ", dates.Select(Iso)).Append(']');
        return true;
    }

    private static LocalDate[] Validate(IReadOnlyList<LocalDate> dates)
    {
        ArgumentNullException.ThrowIfNull(dates, nameof(Dates));
        if (dates.Count == 0)
        {
            throw new ArgumentException(
                "An explicit billing-cycle calendar needs at least one closing date; the list is empty.",
                nameof(Dates));
        }

        var copy = dates.ToArray();
        var offending = new List<string>();
        for (var i = 1; i < copy.Length; i++)
        {
            if (copy[i].Calendar != copy[0].Calendar)
            {
                throw new ArgumentException(
                    $"All closing dates must use one calendar system; {Iso(copy[i])} uses {copy[i].Calendar.Id} " +
                    $"but {Iso(copy[0])} uses {copy[0].Calendar.Id}.",
                    nameof(Dates));
            }

            if (copy[i] <= copy[i - 1])
            {
                offending.Add(copy[i] == copy[i - 1]
                    ? $"{Iso(copy[i])} is listed twice"
                    : $"{Iso(copy[i])} comes after {Iso(copy[i - 1])}");
            }
        }

        if (offending.Count > 0)
        {
            throw new ArgumentException(
                "Closing dates must be listed in strictly ascending order with no duplicates; " +
                string.Join("; ", offending) + ".",
                nameof(Dates));
        }

        return copy;
    }
}

using System.Collections.Frozen;
using NodaTime;
using PublicHoliday;

namespace Disputes.Domain.BusinessDays;

/// <summary>
/// The issuer's business days (12 CFR 1026.2(a)(6): the days its offices are open for substantially all of its
/// business): Monday to Friday except the listed holidays. Rule book section 4 uses them for the one business-day rule
/// of billing errors, the autopay cut-off of 1026.13(d)(1).
/// </summary>
/// <remarks>
/// The default is <see cref="FederalReserve"/>; a program whose offices keep other days changes it (<see cref="With"/>: a
/// one-off closing added, a holiday its offices work taken out) or replaces the list by building its own calendar. A
/// calendar knows the holidays of the years it lists and no others, and says so rather than count
/// an unlisted year's holidays as business days.
/// </remarks>
public sealed class BusinessDayCalendar
{
    /// <summary>The first year <see cref="FederalReserve"/> lists.</summary>
    public const int FederalReserveFirstYear = 2000;

    /// <summary>The last year <see cref="FederalReserve"/> lists.</summary>
    public const int FederalReserveLastYear = 2099;

    private static readonly Lazy<BusinessDayCalendar> federalReserve =
        new(() => FederalReserveFor(FederalReserveFirstYear, FederalReserveLastYear));

    private readonly FrozenSet<LocalDate> holidays;

    /// <summary>A calendar whose offices close on weekends and on <paramref name="holidays"/>.</summary>
    /// <param name="holidays">
    /// The weekdays the offices are closed, each on the day it is observed; weekend dates may be listed and change nothing.
    /// </param>
    /// <param name="firstYear">The first year the list is complete for.</param>
    /// <param name="lastYear">The last year the list is complete for; not before <paramref name="firstYear"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="holidays"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lastYear"/> is before <paramref name="firstYear"/>, or a holiday falls outside those years.
    /// </exception>
    public BusinessDayCalendar(IEnumerable<LocalDate> holidays, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        if (lastYear < firstYear)
        {
            throw new ArgumentOutOfRangeException(nameof(lastYear), lastYear,
                $"The last year listed must not be before the first ({firstYear}); got {lastYear}.");
        }

        this.holidays = holidays.ToFrozenSet();
        FirstYear = firstYear;
        LastYear = lastYear;
        foreach (var outside in this.holidays.Where(d => d.Year < firstYear || d.Year > lastYear).Take(1))
        {
            throw new ArgumentOutOfRangeException(nameof(holidays), outside,
                $"The holiday {outside:yyyy-MM-dd} is outside the years listed ({firstYear}-{lastYear}); widen the years or drop it.");
        }
    }

    /// <summary>
    /// US federal holidays as the Federal Reserve observes them, for <see cref="FederalReserveFirstYear"/> through
    /// <see cref="FederalReserveLastYear"/>: a holiday on a Sunday is observed the following Monday; one on a Saturday is
    /// not moved, so the Friday before is a business day (rule book section 4).
    /// </summary>
    public static BusinessDayCalendar FederalReserve => federalReserve.Value;

    /// <summary>The observed holidays listed, weekdays and weekend dates alike.</summary>
    public IReadOnlySet<LocalDate> Holidays => holidays;

    /// <summary>The first year the holiday list is complete for.</summary>
    public int FirstYear { get; }

    /// <summary>The last year the holiday list is complete for.</summary>
    public int LastYear { get; }

    /// <summary>
    /// US federal holidays as the Federal Reserve observes them for <paramref name="firstYear"/> through
    /// <paramref name="lastYear"/>, from the <c>PublicHoliday</c> package's list (Juneteenth from 2021 on).
    /// </summary>
    /// <remarks>
    /// The package gives each holiday's date; the observance is applied here, because the rule book decides it and the
    /// general federal rule (a Saturday holiday observed on Friday, which federal offices and the package's
    /// <c>USAPublicHoliday</c> follow) would make that Friday a closed day the Fed keeps open.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastYear"/> is before <paramref name="firstYear"/>.</exception>
    public static BusinessDayCalendar FederalReserveFor(int firstYear, int lastYear)
    {
        var source = new USAFederalReserveHoliday();
        var observed = Enumerable.Range(firstYear, Math.Max(0, lastYear - firstYear + 1))
            .SelectMany(source.PublicHolidaysInformation)
            .Select(h => ObservedByTheFed(LocalDate.FromDateTime(h.HolidayDate)))
            .OfType<LocalDate>();
        return new BusinessDayCalendar(observed, firstYear, lastYear);
    }

    /// <summary>
    /// This calendar, for the same years, with <paramref name="closedOn"/> added to its holidays and <paramref name="openOn"/>
    /// taken out of them: a one-off closing such as a national day of mourning, or a holiday the issuer's offices keep open.
    /// </summary>
    /// <param name="closedOn">Weekdays the offices are closed besides the listed holidays; one already listed changes nothing.</param>
    /// <param name="openOn">Listed holidays on which the offices are open for substantially all of their business.</param>
    /// <exception cref="ArgumentNullException">Either list is null.</exception>
    /// <exception cref="ArgumentException">
    /// A date of <paramref name="openOn"/> is not a listed holiday (taking it out would change nothing, so it is a mistake), or a
    /// date is in both lists.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A date of <paramref name="closedOn"/> is outside the calendar's years.</exception>
    public BusinessDayCalendar With(IEnumerable<LocalDate> closedOn, IEnumerable<LocalDate> openOn)
    {
        ArgumentNullException.ThrowIfNull(closedOn);
        ArgumentNullException.ThrowIfNull(openOn);
        var closed = closedOn.ToHashSet();
        var open = openOn.ToHashSet();
        foreach (var notListed in open.Where(d => !holidays.Contains(d)).Take(1))
        {
            throw new ArgumentException($"{notListed:yyyy-MM-dd} is not a holiday of the calendar, so it cannot be taken out.", nameof(openOn));
        }

        foreach (var both in open.Where(closed.Contains).Take(1))
        {
            throw new ArgumentException($"{both:yyyy-MM-dd} is listed both as closed and as open.", nameof(closedOn));
        }

        return new BusinessDayCalendar(holidays.Where(d => !open.Contains(d)).Concat(closed), FirstYear, LastYear);
    }

    /// <summary>True when <paramref name="date"/> is a business day: a weekday that is not a listed holiday.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is in a year the calendar does not list.</exception>
    public bool IsBusinessDay(LocalDate date)
    {
        EnsureListed(date);
        return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !holidays.Contains(date);
    }

    /// <summary>
    /// The <paramref name="count"/>-th business day after <paramref name="date"/> (before it when negative), not counting
    /// <paramref name="date"/> itself; <paramref name="date"/> when <paramref name="count"/> is 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count reaches a year the calendar does not list.</exception>
    public LocalDate AddBusinessDays(LocalDate date, int count)
    {
        EnsureListed(date);
        var step = Math.Sign(count);
        var day = date;
        for (var left = Math.Abs(count); left > 0;)
        {
            day = day.PlusDays(step);
            if (IsBusinessDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>
    /// The <paramref name="count"/>-th business day before <paramref name="date"/>, not counting <paramref name="date"/>:
    /// three business days before Friday 2025-03-14 is Tuesday 2025-03-11.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="count"/> is negative, or the count reaches a year the calendar does not list.
    /// </exception>
    public LocalDate BusinessDaysBefore(LocalDate date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return AddBusinessDays(date, -count);
    }

    private void EnsureListed(LocalDate date)
    {
        if (date.Year < FirstYear || date.Year > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date,
                $"The business-day calendar lists holidays for {FirstYear}-{LastYear} only, so it cannot tell whether " +
                $"{date:yyyy-MM-dd} is a business day; give the program a calendar that lists that year.");
        }
    }

    private static LocalDate? ObservedByTheFed(LocalDate holiday) => holiday.DayOfWeek switch
    {
        IsoDayOfWeek.Sunday => holiday.PlusDays(1),
        // Saturday: the Reserve Banks are open the Friday before, and the Saturday is no business day anyway.
        IsoDayOfWeek.Saturday => null,
        _ => holiday,
    };
}

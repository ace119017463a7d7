using CsCheck;
using Disputes.Domain.BillingCycles;
using NodaTime;

namespace Disputes.Domain.Tests;

/// <summary>CsCheck generators shared by the property tests.</summary>
internal static class Generators
{
    private static readonly LocalDate Earliest = new(1990, 1, 1);

    /// <summary>Dates from 1990 to about 2050.</summary>
    public static readonly Gen<LocalDate> Date =
        Gen.Int[0, 60 * 366].Select(days => Earliest.PlusDays(days));

    /// <summary>Instants from 1990 to about 2050, to the second.</summary>
    public static readonly Gen<Instant> Instant =
        Gen.Long[
            NodaTime.Instant.FromUtc(1990, 1, 1, 0, 0).ToUnixTimeSeconds(),
            NodaTime.Instant.FromUtc(2050, 1, 1, 0, 0).ToUnixTimeSeconds()]
        .Select(NodaTime.Instant.FromUnixTimeSeconds);

    /// <summary>Any zone of the TZDB bundled with NodaTime.</summary>
    public static readonly Gen<DateTimeZone> Zone =
        Gen.OneOf(DateTimeZoneProviders.Tzdb.Ids.ToArray()).Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>
    /// A zone and an instant within two days (half the time, two hours) of one of its offset changes between <paramref name="from"/> and
    /// <paramref name="to"/> (or any instant, for a zone without one), where midnights go missing or repeat.
    /// </summary>
    public static Gen<(DateTimeZone Zone, Instant Instant)> InstantNearTransition(Instant from, Instant to) =>
        Zone.SelectMany(zone =>
        {
            var transitions = zone.GetZoneIntervals(from, to)
                .Where(interval => interval.HasStart && interval.Start > from && interval.Start < to)
                .Select(interval => interval.Start)
                .ToArray();
            return transitions.Length == 0
                ? Instant.Select(instant => (zone, instant))
                : Gen.Select(
                    Gen.Int[0, transitions.Length - 1],
                    Gen.Frequency((1, Gen.Long[-7_200, 7_200]), (1, Gen.Long[-2 * 86_400, 2 * 86_400])),
                    (index, seconds) => (zone, transitions[index] + Duration.FromSeconds(seconds)));
        });

    /// <summary>Monthly calendars with any closing day.</summary>
    public static readonly Gen<MonthlyClosingDay> Monthly =
        Gen.Int[1, 31].Select(day => new MonthlyClosingDay(day));

    /// <summary>
    /// Explicit calendars starting around <paramref name="near"/>: monthly-ish, quarterly (long cycles where the
    /// 90-day cap binds) or irregular gaps, and lists long or short enough to run out.
    /// </summary>
    public static Gen<ExplicitClosingDates> ExplicitNear(LocalDate near) =>
        Gen.Select(
            Gen.Int[-100, 40],
            Gen.Frequency((3, Gen.Int[28, 31]), (3, Gen.Int[85, 95]), (2, Gen.Int[1, 120])).Array[1, 8],
            (offset, gaps) =>
            {
                var dates = new List<LocalDate>();
                var date = near.PlusDays(offset);
                foreach (var gap in gaps)
                {
                    dates.Add(date);
                    date = date.PlusDays(gap);
                }

                return new ExplicitClosingDates(dates);
            });

    /// <summary>A receipt date with a calendar of either kind that is relevant to it.</summary>
    public static readonly Gen<(LocalDate ReceivedOn, BillingCycleCalendar Calendar)> ReceiptAndCalendar =
        Date.SelectMany(received =>
            Gen.Frequency(
                    (1, Monthly.Select(c => (BillingCycleCalendar)c)),
                    (1, ExplicitNear(received).Select(c => (BillingCycleCalendar)c)))
                .Select(calendar => (received, calendar)));
}

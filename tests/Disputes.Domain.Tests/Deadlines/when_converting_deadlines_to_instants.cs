using CsCheck;
using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

public class when_converting_deadlines_to_instants
{
    private const int CheckedCases = 5_000;
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;
    private static readonly Instant Since2011 = Instant.FromUtc(2011, 1, 1, 0, 0);

    [Fact]
    public void an_instant_early_in_the_utc_morning_is_still_the_previous_day_in_new_york()
    {
        Assert.Equal(
            new LocalDate(2025, 2, 28),
            DeadlineInstants.LocalDateOf(Instant.FromUtc(2025, 3, 1, 3, 0), Tzdb["America/New_York"]));
    }

    [Fact]
    public void a_deadline_is_breached_at_local_midnight_after_the_due_date()
    {
        Assert.Equal(
            Instant.FromUtc(2025, 5, 16, 4, 0),
            DeadlineInstants.BreachInstant(new LocalDate(2025, 5, 15), Tzdb["America/New_York"]));
    }

    [Fact]
    public void when_dst_skips_midnight_the_breach_is_at_the_first_local_time_of_the_next_day()
    {
        // Havana springs forward from 00:00 to 01:00 on 2025-03-09.
        var zone = Tzdb["America/Havana"];

        var breach = DeadlineInstants.BreachInstant(new LocalDate(2025, 3, 8), zone);

        Assert.Equal(new LocalDateTime(2025, 3, 9, 1, 0), breach.InZone(zone).LocalDateTime);
        Assert.Equal(new LocalDate(2025, 3, 8), DeadlineInstants.LocalDateOf(breach - Duration.Epsilon, zone));
    }

    [Fact]
    public void when_the_whole_next_day_is_skipped_the_breach_is_at_the_start_of_the_day_after()
    {
        // Samoa crossed the date line: 2011-12-30 did not happen in Pacific/Apia.
        var zone = Tzdb["Pacific/Apia"];

        var breach = DeadlineInstants.BreachInstant(new LocalDate(2011, 12, 29), zone);

        Assert.Equal(new LocalDateTime(2011, 12, 31, 0, 0), breach.InZone(zone).LocalDateTime);
        Assert.Equal(new LocalDate(2011, 12, 29), DeadlineInstants.LocalDateOf(breach - Duration.Epsilon, zone));
    }

    [Fact]
    public void when_clocks_fall_back_across_midnight_the_breach_is_at_the_first_start_of_the_next_day()
    {
        // Newfoundland, 2010-11-07: at 00:01 NDT clocks went back to 23:01 NST on the 6th, so 23:01-23:59 on
        // the 6th happened twice, the second time after the 7th had begun. The rule's "start of D + 1" is the
        // first midnight; a resolution sent during the repeated hour on the 6th comes after it.
        var zone = Tzdb["America/St_Johns"];

        var breach = DeadlineInstants.BreachInstant(new LocalDate(2010, 11, 6), zone);

        Assert.Equal(Instant.FromUtc(2010, 11, 7, 2, 30), breach);
        Assert.Equal(new LocalDate(2010, 11, 6), DeadlineInstants.LocalDateOf(Instant.FromUtc(2010, 11, 7, 3, 0), zone));
    }

    [Fact]
    public void a_missing_zone_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => DeadlineInstants.LocalDateOf(Instant.FromUtc(2025, 1, 1, 0, 0), null!));
        Assert.Throws<ArgumentNullException>(() => DeadlineInstants.BreachInstant(new LocalDate(2025, 1, 1), null!));
    }

    [Fact]
    public void the_local_date_matches_a_conversion_by_hand_in_any_zone() =>
        Gen.Select(Generators.Instant, Generators.Zone).Sample((instant, zone) =>
            Assert.Equal(
                when_computing_the_resolution_deadline_for_any_calendar.LocalDateByHand(instant, zone),
                DeadlineInstants.LocalDateOf(instant, zone)),
            iter: CheckedCases);

    [Fact]
    public void the_breach_is_the_first_instant_of_the_next_local_day() =>
        Gen.Frequency(
            (1, Gen.Select(Generators.Zone, Generators.Date)),
            (1, Generators.InstantNearTransition(Instant.FromUtc(1970, 1, 1, 0, 0), Instant.FromUtc(2050, 1, 1, 0, 0))
                .Select(x => (x.Zone, DeadlineInstants.LocalDateOf(x.Instant, x.Zone)))))
        .Sample((zone, dueOn) =>
        {
            var breach = DeadlineInstants.BreachInstant(dueOn, zone);
            var local = breach.InZone(zone);

            Assert.True(local.Date > dueOn);
            Assert.True(DeadlineInstants.LocalDateOf(breach - Duration.Epsilon, zone) <= dueOn);
            // Local midnight, or else the transition that skipped it.
            Assert.True(local.TimeOfDay == LocalTime.Midnight || zone.GetZoneInterval(breach).Start == breach);
        }, iter: CheckedCases);

    // Since 2011 no zone's clocks fall back across midnight; before that, Newfoundland's did (see below).
    [Fact]
    public void every_instant_on_or_before_the_due_date_comes_before_the_breach() =>
        Gen.Select(
            Gen.Frequency(
                (1, Gen.Select(Generators.Zone, Generators.Instant.Where(i => i >= Since2011))),
                (1, Generators.InstantNearTransition(Since2011, Instant.FromUtc(2050, 1, 1, 0, 0))
                    .Where(x => x.Instant >= Since2011))),
            Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[0, 120])))
        .Sample((x, daysLater) =>
        {
            var (zone, instant) = x;
            var localDate = DeadlineInstants.LocalDateOf(instant, zone);
            var dueOn = localDate.PlusDays(daysLater);

            Assert.True(instant < DeadlineInstants.BreachInstant(dueOn, zone));
        }, iter: CheckedCases);
}

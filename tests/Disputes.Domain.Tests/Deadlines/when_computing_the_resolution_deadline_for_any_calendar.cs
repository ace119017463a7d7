using CsCheck;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

public class when_computing_the_resolution_deadline_for_any_calendar
{
    private const int CheckedCases = 5_000;

    [Fact]
    public void the_deadline_is_never_later_than_90_days_after_receipt() =>
        Generators.ReceiptAndCalendar.Sample(x =>
        {
            var deadline = ResolutionDeadline.Compute(x.ReceivedOn, x.Calendar);

            Assert.True(deadline.DueOn <= x.ReceivedOn.PlusDays(90));
        }, iter: CheckedCases);

    [Fact]
    public void on_two_cycles_the_deadline_is_the_second_closing_date_after_the_one_ending_the_receipt_cycle() =>
        Generators.ReceiptAndCalendar.Sample(x =>
        {
            var deadline = ResolutionDeadline.Compute(x.ReceivedOn, x.Calendar);
            var closings = ClosingDatesByScan(x.Calendar, x.ReceivedOn);

            if (deadline.Basis == ResolutionBasis.TwoCycles)
            {
                Assert.Equal(closings[2], deadline.DueOn);
                Assert.Null(deadline.CapReason);
            }
        }, iter: CheckedCases);

    [Fact]
    public void the_deadline_is_after_the_first_complete_cycle_closes_unless_the_cap_binds() =>
        Generators.ReceiptAndCalendar.Sample(x =>
        {
            var deadline = ResolutionDeadline.Compute(x.ReceivedOn, x.Calendar);
            var closings = ClosingDatesByScan(x.Calendar, x.ReceivedOn);
            var cap = x.ReceivedOn.PlusDays(90);

            if (deadline.DueOn != cap)
            {
                Assert.True(closings.Count >= 2 && deadline.DueOn > closings[1]);
            }
        }, iter: CheckedCases);

    [Fact]
    public void the_cap_applies_exactly_when_the_second_complete_cycle_closes_after_day_90_or_is_unknown() =>
        Generators.ReceiptAndCalendar.Sample(x =>
        {
            var deadline = ResolutionDeadline.Compute(x.ReceivedOn, x.Calendar);
            var closings = ClosingDatesByScan(x.Calendar, x.ReceivedOn);
            var cap = x.ReceivedOn.PlusDays(90);
            var reachesBack = ClosingDatesByScan(x.Calendar, x.ReceivedOn.PlusDays(-92)).Any(d => d <= x.ReceivedOn);
            var capBinds = !reachesBack || closings.Count < 3 || closings[2] > cap;

            Assert.Equal(capBinds ? ResolutionBasis.NinetyDayCap : ResolutionBasis.TwoCycles, deadline.Basis);
            if (capBinds)
            {
                Assert.Equal(cap, deadline.DueOn);
            }

            // A reason is owed when the calendar cannot tell the cycle of the receipt, or when its end decided the outcome.
            var unknownMattered = !reachesBack || closings.Count < 3 && (closings.Count == 0 || closings[^1] < cap);
            Assert.Equal(unknownMattered, deadline.CapReason is not null);
        }, iter: CheckedCases);

    [Fact]
    public void a_monthly_calendar_never_needs_the_90_day_cap_for_day_1_to_28_and_receipt_before_the_closing_day() =>
        Gen.Select(Gen.Int[1, 28], Generators.Date).Sample((day, date) =>
        {
            // Received on or before the closing day: C2 is two months after C0, at most 90 days away.
            var receivedOn = new LocalDate(date.Year, date.Month, Math.Min(day, date.Day));

            var deadline = ResolutionDeadline.Compute(receivedOn, new MonthlyClosingDay(day));

            Assert.Equal(ResolutionBasis.TwoCycles, deadline.Basis);
            Assert.Equal(new LocalDate(date.Year, date.Month, day).PlusMonths(2), deadline.DueOn);
        }, iter: CheckedCases);

    [Fact]
    public void the_receipt_instants_date_in_the_accounts_zone_feeds_the_deadline() =>
        Gen.Select(Generators.Instant, Generators.Zone, Generators.Monthly).Sample((receivedAt, zone, calendar) =>
        {
            var receivedOn = DeadlineInstants.LocalDateOf(receivedAt, zone);

            Assert.Equal(LocalDateByHand(receivedAt, zone), receivedOn);
            Assert.True(ResolutionDeadline.Compute(receivedOn, calendar).DueOn > receivedOn);
        }, iter: CheckedCases);

    // An oracle independent of the calendar's own enumeration: test every day for 400 days.
    private static List<LocalDate> ClosingDatesByScan(BillingCycleCalendar calendar, LocalDate from)
    {
        var found = new List<LocalDate>();
        for (var day = from; found.Count < 3 && day <= from.PlusDays(400); day = day.PlusDays(1))
        {
            var isClosing = calendar switch
            {
                MonthlyClosingDay monthly =>
                    day.Day == Math.Min(monthly.Day, day.Calendar.GetDaysInMonth(day.Year, day.Month)),
                ExplicitClosingDates list => list.Dates.Contains(day),
                _ => throw new InvalidOperationException($"Unknown calendar {calendar}."),
            };
            if (isClosing)
            {
                found.Add(day);
            }
        }

        return found;
    }

    // Offset arithmetic on the Unix epoch, without InZone, to check the conversion the domain uses.
    internal static LocalDate LocalDateByHand(Instant instant, DateTimeZone zone)
    {
        var localSeconds = instant.ToUnixTimeSeconds() + zone.GetUtcOffset(instant).Seconds;
        var days = (int)Math.Floor(localSeconds / 86_400d);
        return new LocalDate(1970, 1, 1).PlusDays(days);
    }
}

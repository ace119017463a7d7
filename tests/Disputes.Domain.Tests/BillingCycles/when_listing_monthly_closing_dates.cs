using CsCheck;
using Disputes.Domain.BillingCycles;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.BillingCycles;

public class when_listing_monthly_closing_dates
{
    [Fact]
    public void the_closing_date_of_the_given_day_itself_is_included()
    {
        var dates = new MonthlyClosingDay(15).ClosingDatesOnOrAfter(new LocalDate(2025, 3, 15)).Take(3);

        Assert.Equal([new(2025, 3, 15), new(2025, 4, 15), new LocalDate(2025, 5, 15)], dates);
    }

    [Fact]
    public void a_closing_day_already_past_this_month_starts_next_month()
    {
        var first = new MonthlyClosingDay(15).ClosingDatesOnOrAfter(new LocalDate(2025, 3, 16)).First();

        Assert.Equal(new LocalDate(2025, 4, 15), first);
    }

    [Fact]
    public void closing_day_31_closes_on_the_last_day_of_shorter_months()
    {
        var dates = new MonthlyClosingDay(31).ClosingDatesOnOrAfter(new LocalDate(2025, 1, 1)).Take(5);

        Assert.Equal(
            [new(2025, 1, 31), new(2025, 2, 28), new(2025, 3, 31), new(2025, 4, 30), new LocalDate(2025, 5, 31)],
            dates);
    }

    [Fact]
    public void closing_day_30_closes_on_29_february_in_a_leap_year()
    {
        var dates = new MonthlyClosingDay(30).ClosingDatesOnOrAfter(new LocalDate(2024, 2, 1)).Take(2);

        Assert.Equal([new(2024, 2, 29), new LocalDate(2024, 3, 30)], dates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(-1)]
    public void a_day_outside_1_to_31_is_refused_with_the_value(int day)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MonthlyClosingDay(day));

        Assert.StartsWith($"A monthly closing day must be between 1 and 31; got {day}.", error.Message);
    }

    [Fact]
    public void a_with_expression_is_validated_too()
    {
        var calendar = new MonthlyClosingDay(15);

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar with { Day = 32 });
    }

    [Fact]
    public void the_dates_are_one_per_month_on_the_closing_day_or_the_months_last_day_starting_with_the_first_not_before_the_given_day() =>
        Gen.Select(Generators.Monthly, Generators.Date).Sample((calendar, from) =>
        {
            var dates = calendar.ClosingDatesOnOrAfter(from).Take(24).ToList();

            var firstByScan = from;
            while (firstByScan.Day != Math.Min(calendar.Day, firstByScan.Calendar.GetDaysInMonth(firstByScan.Year, firstByScan.Month)))
            {
                firstByScan = firstByScan.PlusDays(1);
            }

            Assert.Equal(firstByScan, dates[0]);
            for (var i = 0; i < dates.Count; i++)
            {
                var month = dates[0].PlusMonths(i);
                var expectedDay = Math.Min(calendar.Day, month.Calendar.GetDaysInMonth(month.Year, month.Month));
                Assert.Equal(new LocalDate(month.Year, month.Month, expectedDay), dates[i]);
            }
        }, iter: 1000);
}

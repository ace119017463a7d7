using Disputes.Domain.BusinessDays;
using NodaTime;
using NodaTime.Text;
using PublicHoliday;
using Xunit;

namespace Disputes.Domain.Tests.BusinessDays;

/// <summary>
/// Rule book section 4: business days are Monday to Friday except US federal holidays as the Federal Reserve observes them
/// (a holiday on a Sunday is observed on Monday; one on a Saturday is not moved to Friday); the program can replace the list.
/// </summary>
public class when_counting_business_days
{
    private static readonly BusinessDayCalendar Fed = BusinessDayCalendar.FederalReserve;

    private static LocalDate Day(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    [Theory]
    [InlineData("2026-07-03", "July 4 2026 is a Saturday: the Fed is open the Friday before")]
    [InlineData("2021-12-31", "New Year's Day 2022 is a Saturday: Friday December 31 is not a holiday")]
    [InlineData("2027-06-18", "Juneteenth 2027 is a Saturday")]
    [InlineData("2027-12-24", "Christmas 2027 is a Saturday")]
    [InlineData("2027-12-31", "New Year's Day 2028 is a Saturday")]
    [InlineData("2023-11-10", "Veterans Day 2023 is a Saturday")]
    [InlineData("2020-06-19", "Juneteenth was no federal holiday before 2021")]
    public void a_friday_before_a_saturday_holiday_is_a_business_day(string date, string why)
    {
        Assert.True(Fed.IsBusinessDay(Day(date)), why);
        Assert.False(Fed.IsBusinessDay(Day(date).PlusDays(1)), "the Saturday itself is a weekend day");
    }

    [Fact]
    public void a_saturday_holiday_is_not_moved_to_the_monday_either() => Assert.True(Fed.IsBusinessDay(new LocalDate(2022, 1, 3)));

    [Theory]
    [InlineData("2022-06-20", "Juneteenth 2022 is a Sunday")]
    [InlineData("2027-07-05", "July 4 2027 is a Sunday")]
    [InlineData("2023-01-02", "New Year's Day 2023 is a Sunday")]
    [InlineData("2022-12-26", "Christmas 2022 is a Sunday")]
    public void a_sunday_holiday_closes_the_monday_after(string monday, string why)
    {
        Assert.False(Fed.IsBusinessDay(Day(monday)), why);
        Assert.True(Fed.IsBusinessDay(Day(monday).PlusDays(1)));
        Assert.True(Fed.IsBusinessDay(Day(monday).PlusDays(-3)), "the Friday before stays open");
    }

    [Fact]
    public void juneteenth_on_a_weekday_is_a_holiday() => Assert.False(Fed.IsBusinessDay(new LocalDate(2025, 6, 19)));

    [Fact]
    public void the_2025_list_is_the_eleven_federal_holidays()
    {
        string[] expected =
        [
            "2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
            "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25",
        ];

        Assert.Equal(expected.Select(Day), Fed.Holidays.Where(d => d.Year == 2025).Order());
    }

    [Fact]
    public void weekends_are_not_business_days()
    {
        Assert.False(Fed.IsBusinessDay(new LocalDate(2025, 3, 8)));
        Assert.False(Fed.IsBusinessDay(new LocalDate(2025, 3, 9)));
        Assert.True(Fed.IsBusinessDay(new LocalDate(2025, 3, 10)));
    }

    [Theory]
    [InlineData("2025-03-14", 3, "2025-03-11", "the rule book's example")]
    [InlineData("2025-03-17", 3, "2025-03-12", "across a weekend")]
    [InlineData("2025-05-27", 3, "2025-05-21", "across a weekend and Memorial Day")]
    [InlineData("2025-06-23", 3, "2025-06-17", "across a weekend and Juneteenth")]
    [InlineData("2026-07-07", 3, "2026-07-02", "the Friday before Saturday July 4 counts")]
    [InlineData("2027-07-08", 3, "2027-07-02", "Monday July 5 2027 does not count")]
    [InlineData("2025-03-15", 1, "2025-03-14", "from a Saturday")]
    [InlineData("2025-03-14", 0, "2025-03-14", "none")]
    public void counting_business_days_back_skips_weekends_and_holidays(string from, int count, string expected, string why) =>
        Assert.True(Day(expected) == Fed.BusinessDaysBefore(Day(from), count), why);

    [Fact]
    public void adding_business_days_counts_forward_over_a_holiday_and_back_the_same_way()
    {
        // Friday 2025-05-23, then Memorial Day.
        Assert.Equal(new LocalDate(2025, 5, 27), Fed.AddBusinessDays(new LocalDate(2025, 5, 23), 1));
        Assert.Equal(new LocalDate(2025, 5, 23), Fed.AddBusinessDays(new LocalDate(2025, 5, 27), -1));
    }

    [Fact]
    public void a_year_the_calendar_does_not_list_is_refused_not_guessed()
    {
        var calendar = BusinessDayCalendar.FederalReserveFor(2025, 2026);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => calendar.IsBusinessDay(new LocalDate(2027, 1, 4)));
        Assert.Contains("2025-2026", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.BusinessDaysBefore(new LocalDate(2025, 1, 2), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fed.BusinessDaysBefore(new LocalDate(2025, 1, 2), -1));
    }

    [Fact]
    public void the_program_can_replace_the_list()
    {
        // A one-off closing, such as a national day of mourning, added to the Fed's list.
        var closing = new LocalDate(2025, 1, 9);
        var calendar = new BusinessDayCalendar(Fed.Holidays.Where(d => d.Year == 2025).Append(closing), 2025, 2025);

        Assert.False(calendar.IsBusinessDay(closing));
        Assert.True(Fed.IsBusinessDay(closing));
        Assert.Equal(new LocalDate(2025, 1, 7), calendar.BusinessDaysBefore(new LocalDate(2025, 1, 10), 2));
    }

    [Fact]
    public void a_closing_added_to_the_feds_list_keeps_every_fed_holiday()
    {
        // 2025-01-09, the national day of mourning for President Carter: markets and federal offices closed, the Fed open.
        var closing = new LocalDate(2025, 1, 9);

        var calendar = Fed.With([closing], []);

        Assert.False(calendar.IsBusinessDay(closing));
        Assert.Equal(Fed.Holidays.Count + 1, calendar.Holidays.Count);
        Assert.True(Fed.Holidays.IsSubsetOf(calendar.Holidays));
        Assert.Equal((Fed.FirstYear, Fed.LastYear), (calendar.FirstYear, calendar.LastYear));
    }

    [Fact]
    public void a_holiday_the_offices_work_is_taken_out_and_counts_as_a_business_day()
    {
        // Columbus Day 2025 (Monday 10-13): an issuer open that day counts it.
        var columbusDay = new LocalDate(2025, 10, 13);

        var calendar = Fed.With([], [columbusDay]);

        Assert.False(Fed.IsBusinessDay(columbusDay));
        Assert.True(calendar.IsBusinessDay(columbusDay));
        Assert.Equal(new LocalDate(2025, 10, 13), calendar.BusinessDaysBefore(new LocalDate(2025, 10, 14), 1));
        Assert.Equal(new LocalDate(2025, 10, 10), Fed.BusinessDaysBefore(new LocalDate(2025, 10, 14), 1));
    }

    [Fact]
    public void taking_out_a_day_that_is_no_holiday_is_refused_as_a_mistake()
    {
        var error = Assert.Throws<ArgumentException>(() => Fed.With([], [new LocalDate(2025, 10, 14)]));
        Assert.Contains("2025-10-14", error.Message);

        Assert.Throws<ArgumentException>(() => Fed.With([new LocalDate(2025, 10, 13)], [new LocalDate(2025, 10, 13)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessDayCalendar.FederalReserveFor(2025, 2025).With([new LocalDate(2026, 1, 5)], []));
    }

    [Fact]
    public void a_list_with_a_holiday_outside_its_years_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessDayCalendar([new LocalDate(2024, 12, 25)], 2025, 2025));
        Assert.Contains("2024-12-25", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessDayCalendar([], 2026, 2025));
    }

    [Fact]
    public void the_weekday_holidays_agree_with_the_packages_own_federal_reserve_observance()
    {
        // Guards the package upgrade: its Fed list and the rule applied here must name the same closed weekdays.
        var package = new USAFederalReserveHoliday();
        var packageClosedWeekdays = Enumerable.Range(BusinessDayCalendar.FederalReserveFirstYear, 100)
            .SelectMany(package.PublicHolidays)
            .Select(LocalDate.FromDateTime)
            .Where(d => d.DayOfWeek < IsoDayOfWeek.Saturday)
            .ToHashSet();

        Assert.True(packageClosedWeekdays.SetEquals(Fed.Holidays.Where(d => d.DayOfWeek < IsoDayOfWeek.Saturday)));
    }
}

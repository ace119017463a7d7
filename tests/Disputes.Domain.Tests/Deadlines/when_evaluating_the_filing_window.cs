using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

public class when_evaluating_the_filing_window
{
    private static readonly LocalDate Transmitted = new(2015, 1, 30);

    [Fact]
    public void the_last_day_is_60_days_after_the_statement_was_transmitted()
    {
        Assert.Equal(new LocalDate(2015, 3, 31), FilingWindow.Evaluate(Transmitted, new LocalDate(2015, 2, 10)).LastDay);
    }

    [Fact]
    public void a_notice_received_on_the_last_day_is_timely()
    {
        Assert.Equal(
            new FilingWindow(new LocalDate(2015, 3, 31), true),
            FilingWindow.Evaluate(Transmitted, new LocalDate(2015, 3, 31)));
    }

    [Fact]
    public void a_notice_received_the_day_after_is_late()
    {
        Assert.Equal(
            new FilingWindow(new LocalDate(2015, 3, 31), false),
            FilingWindow.Evaluate(Transmitted, new LocalDate(2015, 4, 1)));
    }

    [Fact]
    public void calendar_days_count_across_a_leap_day()
    {
        Assert.Equal(new LocalDate(2024, 3, 30), FilingWindow.Evaluate(new LocalDate(2024, 1, 30), new LocalDate(2024, 2, 1)).LastDay);
    }
}

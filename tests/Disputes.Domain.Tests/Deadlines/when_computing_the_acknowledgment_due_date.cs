using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

public class when_computing_the_acknowledgment_due_date
{
    [Theory]
    [InlineData("2025-03-03", "2025-04-02")]
    [InlineData("2025-02-10", "2025-03-12")]
    [InlineData("2024-02-15", "2024-03-16")]
    [InlineData("2025-12-15", "2026-01-14")]
    public void it_is_30_calendar_days_after_receipt(string received, string due)
    {
        Assert.Equal(LocalDate.FromDateOnly(DateOnly.Parse(due)), AcknowledgmentRule.DueOn(LocalDate.FromDateOnly(DateOnly.Parse(received))));
    }
}

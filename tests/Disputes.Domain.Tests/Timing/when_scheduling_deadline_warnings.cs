using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Timing;

public class when_scheduling_deadline_warnings
{
    private static Dispute ReceivedOn(LocalDate receivedOn, string zoneId) => Given.DisputeReceivedOn(receivedOn, zoneId);

    [Fact]
    public void a_warning_on_a_day_the_zone_skips_whole_fires_at_the_start_of_the_next_day_that_exists()
    {
        // Pacific/Apia skipped 2011-12-30. Acknowledgment due 12-31: the 2-day warning's day (12-30) never began,
        // so it fires when 12-31 begins, as a breach instant would.
        var dispute = ReceivedOn(new LocalDate(2011, 12, 1), "Pacific/Apia");
        var zone = dispute.TimeZone;

        var timers = DeadlineTimer.For(dispute, dispute.ClockFor(ComplianceClock.Acknowledgment), [7, 2], Instant.FromUtc(2011, 12, 2, 0, 0)).ToList();

        Assert.Equal(3, timers.Count);
        var twoDays = timers.Single(t => t.Timer.DaysBefore == 2);
        Assert.Equal(new LocalDateTime(2011, 12, 31, 0, 0), twoDays.FiresAt.InZone(zone).LocalDateTime);
        var sevenDays = timers.Single(t => t.Timer.DaysBefore == 7);
        Assert.Equal(new LocalDateTime(2011, 12, 25, 0, 0), sevenDays.FiresAt.InZone(zone).LocalDateTime);
    }

    [Fact]
    public void a_warning_on_a_day_whose_midnight_is_skipped_fires_when_that_day_begins()
    {
        // America/Santiago moved clocks from 00:00 to 01:00 on 2024-09-08. Acknowledgment due 2024-09-09: the 2-day
        // warning fires at the first instant of 09-08, 01:00 local.
        var dispute = ReceivedOn(new LocalDate(2024, 8, 10), "America/Santiago");

        var timers = DeadlineTimer.For(dispute, dispute.ClockFor(ComplianceClock.Acknowledgment), [2], Instant.FromUtc(2024, 8, 11, 0, 0)).ToList();

        var warning = timers.Single(t => t.Timer.DaysBefore == 2);
        Assert.Equal(new LocalDateTime(2024, 9, 8, 1, 0), warning.FiresAt.InZone(dispute.TimeZone).LocalDateTime);
    }

    [Fact]
    public void on_an_ordinary_day_a_warning_of_n_days_fires_when_n_whole_days_are_left()
    {
        var dispute = ReceivedOn(new LocalDate(2025, 3, 3), "America/New_York");

        var timers = DeadlineTimer.For(dispute, dispute.ClockFor(ComplianceClock.Acknowledgment), [7], Instant.FromUtc(2025, 3, 4, 0, 0)).ToList();

        // Due 04-02, breached at 04-03T00:00 local; seven whole days are left from 03-27T00:00 local.
        Assert.Equal(Instant.FromUtc(2025, 3, 27, 4, 0), timers.Single(t => t.Timer.DaysBefore == 7).FiresAt);
        Assert.Equal(Instant.FromUtc(2025, 4, 3, 4, 0), timers.Single(t => t.Timer.DaysBefore is null).FiresAt);
    }
}

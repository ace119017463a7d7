using Disputes.Domain.Clocks;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>
/// Rule book section 8: the date a notice is sent meets its clock, so a clock's notice is late when sent after the due date
/// (in the account's zone) and missing when the due date passed with none sent.
/// </summary>
public class when_judging_a_notice_missing_or_late
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalDate DueOn = new(2025, 4, 2);

    // The start of 04-03 in New York.
    private static readonly Instant BreachesAt = Instant.FromUtc(2025, 4, 3, 4, 0);

    private static DeadlineClock Pending => DeadlineClock.Pending(ComplianceClock.Acknowledgment, DueOn);

    private static DeadlineClock Breached => Pending with { Status = ClockStatus.Breached, BreachedAt = BreachesAt };

    [Fact]
    public void a_notice_sent_by_the_end_of_the_due_date_in_the_accounts_zone_is_on_time()
    {
        // 03:59 UTC on 04-03 is 23:59 on 04-02 in New York.
        var sent = Instant.FromUtc(2025, 4, 3, 3, 59);
        var met = Pending with { Status = ClockStatus.Met, MetAt = sent };

        Assert.Null(NoticeTimeliness.Judge(met, NewYork, sent, null, sent + Duration.FromDays(10)));
    }

    [Fact]
    public void a_notice_sent_after_the_due_date_is_late_by_the_days_from_the_due_date_to_its_sending()
    {
        var sent = Instant.FromUtc(2025, 4, 6, 1, 0);

        var lapse = NoticeTimeliness.Judge(Breached, NewYork, sent, null, sent);

        // 01:00 UTC on 04-06 is still 04-05 in New York: three days after 04-02.
        Assert.Equal(new NoticeLapse(NoticeLapseKind.SentLate, 3), lapse);
    }

    [Fact]
    public void no_notice_past_the_due_date_is_missing_counted_to_today_even_before_the_timer_recorded_the_breach()
    {
        var today = Instant.FromUtc(2025, 4, 10, 15, 0);

        Assert.Equal(new NoticeLapse(NoticeLapseKind.Missing, 8), NoticeTimeliness.Judge(Pending, NewYork, null, null, today));
        Assert.Equal(new NoticeLapse(NoticeLapseKind.Missing, 8), NoticeTimeliness.Judge(Breached, NewYork, null, null, today));
        Assert.Null(NoticeTimeliness.Judge(Pending, NewYork, null, null, BreachesAt - Duration.FromSeconds(1)));
    }

    [Fact]
    public void a_letter_queued_but_not_mailed_past_the_due_date_waits_for_the_post()
    {
        var lapse = NoticeTimeliness.Judge(Breached, NewYork, null, Instant.FromUtc(2025, 3, 20, 15, 0), BreachesAt + Duration.FromDays(1));

        Assert.Equal(new NoticeLapse(NoticeLapseKind.WaitingForPost, 2), lapse);
    }

    [Fact]
    public void a_letter_mailed_in_time_but_confirmed_after_the_breach_is_reported_with_its_breached_clock_and_no_days_late()
    {
        var mailed = Instant.FromUtc(2025, 3, 30, 15, 0);

        Assert.Equal(new NoticeLapse(NoticeLapseKind.ConfirmedAfterBreach, 0), NoticeTimeliness.Judge(Breached, NewYork, mailed, mailed, BreachesAt + Duration.FromDays(5)));
    }

    [Theory]
    [InlineData(ClockStatus.NotApplicable)]
    [InlineData(ClockStatus.Stopped)]
    public void a_clock_that_does_not_run_owes_no_notice(ClockStatus status)
    {
        var clock = status == ClockStatus.NotApplicable ? DeadlineClock.NotApplicable(ComplianceClock.Acknowledgment) : Pending with { Status = status };

        Assert.Null(NoticeTimeliness.Judge(clock, NewYork, null, null, BreachesAt + Duration.FromDays(30)));
    }
}

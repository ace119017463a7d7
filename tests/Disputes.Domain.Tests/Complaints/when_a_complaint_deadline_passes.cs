using CsCheck;
using Disputes.Domain.Clocks;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Closing;
using Disputes.Domain.Complaints.Responding;
using Disputes.Domain.Complaints.Reviewing;
using Disputes.Domain.Complaints.Timing;
using Disputes.Domain.Deadlines;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Complaints;

/// <summary>Breaches of the 15- and 60-day deadlines: recorded by the timer or by the next step, once, and only when pending.</summary>
public class when_a_complaint_deadline_passes
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly LocalDate ResponseDue = new(2025, 3, 18);
    private static readonly Instant ResponseBreach = Instant.FromUtc(2025, 3, 19, 4, 0);

    private static Complaint New() => Complaints.ReceivedOn(Received);

    [Fact]
    public void a_response_at_the_last_minute_of_the_due_date_is_in_time()
    {
        var complaint = New().Responded(Complaints.NewYork(ResponseDue, 23, 59));

        Assert.Equal(ClockStatus.Met, complaint.ResponseDeadline.Status);
    }

    [Fact]
    public void a_late_response_records_the_breach_first_and_the_deadline_stays_breached()
    {
        var late = Complaints.NewYork(ResponseDue.PlusDays(1), 0, 30);

        var decided = RespondToComplaint.Decide(New(), "Sorry for the wait.", late);

        var breach = Assert.IsType<ComplaintDeadlineBreached>(decided[0]);
        Assert.Equal(new ComplaintDeadlineBreached(ComplaintClock.Response, ResponseDue, ResponseBreach), breach);
        Assert.IsType<ComplaintResponded>(decided[1]);
        var complaint = New().After(decided);
        Assert.Equal(ClockStatus.Breached, complaint.ResponseDeadline.Status);
        Assert.Equal(ResponseBreach, complaint.ResponseDeadline.BreachedAt);
        Assert.Null(complaint.ResponseDeadline.MetAt);
        Assert.Equal(late, complaint.ResponseDeadline.DoneAt);
        Assert.Equal("complaint_deadline_breached", complaint.Steps[1].Type);
        Assert.Equal(ResponseBreach, complaint.Steps[1].At);
    }

    [Fact]
    public void the_timer_records_the_breach_of_an_unanswered_complaint_at_its_instant()
    {
        var complaint = New();
        var timer = ComplaintDeadlineTimer.For(complaint).Single(t => t.Timer.Clock == ComplaintClock.Response);

        Assert.Equal(ResponseBreach, timer.FiresAt);
        Assert.Empty(timer.Timer.Decide(complaint, ResponseBreach - Duration.Epsilon));
        var breached = complaint.After(timer.Timer.Decide(complaint, ResponseBreach));

        Assert.Equal(ClockStatus.Breached, breached.ResponseDeadline.Status);
        Assert.True(breached.IsOverdueAt(ResponseBreach));
        Assert.Empty(timer.Timer.Decide(breached, ResponseBreach + Duration.FromMinutes(1)));
    }

    [Fact]
    public void a_timer_that_fires_after_the_answer_records_nothing()
    {
        var answered = New().Responded(Complaints.NewYork(Received.PlusDays(3), 9));
        var timer = ComplaintDeadlineTimer.For(New()).Single(t => t.Timer.Clock == ComplaintClock.Response).Timer;

        Assert.Empty(timer.Decide(answered, ResponseBreach + Duration.FromHours(1)));
        Assert.DoesNotContain(ComplaintDeadlineTimer.For(answered), t => t.Timer.Clock == ComplaintClock.Response);
    }

    [Fact]
    public void an_answered_complaint_left_open_breaches_the_final_answer_deadline()
    {
        var answered = New().Responded(Complaints.NewYork(Received.PlusDays(3), 9));
        var finalBreach = answered.FinalResponseDeadline.BreachInstant(answered.TimeZone);

        var closedLate = answered.After(CloseComplaint.Decide(answered, finalBreach + Duration.FromDays(2)));

        Assert.Equal(Instant.FromUtc(2025, 5, 3, 4, 0), finalBreach);
        Assert.Equal(ClockStatus.Met, closedLate.ResponseDeadline.Status);
        Assert.Equal(ClockStatus.Breached, closedLate.FinalResponseDeadline.Status);
        Assert.Equal(finalBreach, closedLate.FinalResponseDeadline.BreachedAt);
        Assert.NotNull(closedLate.FinalResponseDeadline.DoneAt);
    }

    [Fact]
    public void a_step_long_after_receipt_records_both_breaches_once_each()
    {
        var muchLater = Complaints.NewYork(Received.PlusDays(70), 12);

        var decided = ReviewComplaint.Decide(New(), muchLater);

        Assert.Equal([ComplaintClock.Response, ComplaintClock.FinalResponse], decided.OfType<ComplaintDeadlineBreached>().Select(b => b.Clock));
        var reviewed = New().After(decided);
        Assert.Empty(reviewed.BreachesDueBy(muchLater));
        Assert.True(reviewed.IsOverdueAt(muchLater));
    }

    [Fact]
    public void a_deadline_due_on_a_day_whose_midnight_is_skipped_breaches_when_the_next_day_begins()
    {
        // Havana springs forward from 00:00 to 01:00 on 2025-03-09: a complaint received on 02-21 is due 03-08 and breaches
        // at 01:00 local on the 9th, the first instant of that day.
        var complaint = Complaints.ReceivedAt(
            new LocalDate(2025, 2, 21).At(new LocalTime(12, 0)).InZoneStrictly(DateTimeZoneProviders.Tzdb["America/Havana"]).ToInstant(), "America/Havana");

        var breach = complaint.ResponseDeadline.BreachInstant(complaint.TimeZone);

        Assert.Equal(new LocalDate(2025, 3, 8), complaint.ResponseDeadline.DueOn);
        Assert.Equal(new LocalDateTime(2025, 3, 9, 1, 0), breach.InZone(complaint.TimeZone).LocalDateTime);
    }

    [Fact]
    public void in_any_zone_a_deadline_is_met_up_to_the_end_of_its_local_day_and_breached_from_the_start_of_the_next()
    {
        Gen.Select(Generators.Zone, Generators.Instant).Sample((zone, receivedAt) =>
        {
            var complaint = Complaints.ReceivedAt(receivedAt, zone.Id);
            var received = DeadlineInstants.LocalDateOf(receivedAt, zone);
            foreach (var deadline in complaint.Deadlines)
            {
                var breach = deadline.BreachInstant(zone);
                var lastMoment = breach - Duration.Epsilon;
                var days = deadline.Clock == ComplaintClock.Response ? ComplaintResponseRule.ResponseDays : ComplaintResponseRule.FinalResponseDays;
                if (deadline.DueOn != received.PlusDays(days)
                    || DeadlineInstants.LocalDateOf(lastMoment, zone) > deadline.DueOn
                    || DeadlineInstants.LocalDateOf(breach, zone) <= deadline.DueOn
                    || complaint.BreachesDueBy(lastMoment).Any(b => b.Clock == deadline.Clock)
                    || !complaint.BreachesDueBy(breach).Any(b => b.Clock == deadline.Clock))
                {
                    return false;
                }
            }

            return true;
        }, iter: 2_000);
    }
}

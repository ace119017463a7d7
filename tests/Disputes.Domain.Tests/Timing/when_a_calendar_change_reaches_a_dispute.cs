using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Timing;

/// <summary>Given a dispute received 2025-03-03 on closing day 15 (resolution due 05-15), when the calendar changes.</summary>
public class when_a_calendar_change_reaches_a_dispute
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly Instant ResolutionBreachesAt = Instant.FromUtc(2025, 5, 16, 4, 0);

    private static Dispute Opened() => Given.DisputeReceivedOn(Received, calendar: new MonthlyClosingDay(15));

    private static CalendarHistory ChangedToThe(int day, LocalDate on) => new CalendarHistory(new MonthlyClosingDay(15)).ChangedOn(on, new MonthlyClosingDay(day));

    [Fact]
    public void the_pending_deadline_follows_the_merged_calendar()
    {
        var dispute = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 3, 5, 12, 0)));

        var events = RecomputeResolutionDeadline.Decide(dispute, ChangedToThe(1, new LocalDate(2025, 4, 20)), Instant.FromUtc(2025, 4, 20, 14, 0));

        var recomputed = Assert.IsType<ResolutionDeadlineRecomputed>(Assert.Single(events));
        Assert.Equal(new LocalDate(2025, 5, 1), recomputed.Deadline.DueOn);
    }

    [Fact]
    public void a_breach_due_before_the_change_is_recorded_and_the_deadline_does_not_move()
    {
        // The resolution clock breached at 05-16T04:00Z; the timer has not run when the calendar changes on 05-20.
        var dispute = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 3, 5, 12, 0)));

        var events = RecomputeResolutionDeadline.Decide(dispute, ChangedToThe(28, new LocalDate(2025, 5, 20)), Instant.FromUtc(2025, 5, 20, 14, 0));

        var breach = Assert.IsType<DeadlineBreached>(Assert.Single(events));
        Assert.Equal(ComplianceClock.Resolution, breach.Clock);
        Assert.Equal(new LocalDate(2025, 5, 15), breach.DueOn);
        Assert.Equal(ResolutionBreachesAt, breach.BreachedAt);
    }

    [Fact]
    public void a_clock_that_is_no_longer_pending_is_never_touched()
    {
        var resolved = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 3, 5, 12, 0)))
            .Evolve(new DisputeWithdrawn(Instant.FromUtc(2025, 3, 10, 12, 0), "cardmember withdrew"));

        Assert.Empty(RecomputeResolutionDeadline.Decide(resolved, ChangedToThe(1, new LocalDate(2025, 4, 20)), Instant.FromUtc(2025, 4, 20, 14, 0)));
    }

    [Fact]
    public void a_new_deadline_that_has_already_passed_breaches_at_once()
    {
        // Changed on 05-03 to the 1st: C2 becomes 05-01, already passed; the breach instant is 05-02T04:00Z.
        var dispute = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 3, 5, 12, 0)));

        var events = RecomputeResolutionDeadline.Decide(dispute, ChangedToThe(1, new LocalDate(2025, 4, 20)), Instant.FromUtc(2025, 5, 3, 12, 0));

        Assert.Collection(events,
            e => Assert.Equal(new LocalDate(2025, 5, 1), Assert.IsType<ResolutionDeadlineRecomputed>(e).Deadline.DueOn),
            e => Assert.Equal(Instant.FromUtc(2025, 5, 2, 4, 0), Assert.IsType<DeadlineBreached>(e).BreachedAt));
    }

    [Fact]
    public void the_same_calendar_again_changes_nothing()
    {
        var dispute = Opened();

        Assert.Empty(RecomputeResolutionDeadline.Decide(dispute, new CalendarHistory(new MonthlyClosingDay(15)), Instant.FromUtc(2025, 3, 20, 14, 0)));
    }
}

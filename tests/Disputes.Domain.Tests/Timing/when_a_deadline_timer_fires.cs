using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Timing;

/// <summary>
/// What a breach or warning timer records when it fires (<see cref="DeadlineTimer.Decide"/>): every breach due by then at its own
/// instant, and a warning only while its clock is still pending on the due date the timer was set for. Only a pending clock
/// can breach. A notice received 2025-03-03 in New York, the account closing on the 15th: acknowledgment due 04-02 (breached
/// at 2025-04-03T04:00Z), resolution due 05-15 (breached at 2025-05-16T04:00Z).
/// </summary>
public class when_a_deadline_timer_fires
{
    private static readonly LocalDate AcknowledgmentDue = new(2025, 4, 2);
    private static readonly Instant AcknowledgmentBreachesAt = Instant.FromUtc(2025, 4, 3, 4, 0);
    private static readonly LocalDate ResolutionDue = new(2025, 5, 15);
    private static readonly Instant ResolutionBreachesAt = Instant.FromUtc(2025, 5, 16, 4, 0);

    private static Dispute Opened(int statementDaysBefore = 10) =>
        Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15), statementDaysBefore: statementDaysBefore);

    private static DeadlineTimer BreachTimer(Dispute dispute, ComplianceClock clock, LocalDate dueOn) => new(dispute.Id, clock, dueOn, null);

    private static DeadlineTimer Warning(Dispute dispute, ComplianceClock clock, LocalDate dueOn, int daysBefore) => new(dispute.Id, clock, dueOn, daysBefore);

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    [Fact]
    public void the_breach_timer_records_the_breach_at_the_breach_instant()
    {
        var dispute = Opened();

        var events = BreachTimer(dispute, ComplianceClock.Acknowledgment, AcknowledgmentDue).Decide(dispute, AcknowledgmentBreachesAt);
        var breached = Fold(dispute, events);

        Assert.Equal(new DeadlineBreached(ComplianceClock.Acknowledgment, AcknowledgmentDue, AcknowledgmentBreachesAt, 50m), Assert.Single(events));
        Assert.Equal(ClockStatus.Breached, breached.AcknowledgmentClock.Status);
        Assert.Equal(ClockStatus.Pending, breached.ResolutionClock.Status);
        Assert.Equal(50m, breached.ForfeitureExposure);
    }

    [Fact]
    public void a_timer_that_fires_late_still_records_the_breach_at_the_breach_instant()
    {
        var dispute = Opened();

        var events = BreachTimer(dispute, ComplianceClock.Acknowledgment, AcknowledgmentDue).Decide(dispute, Instant.FromUtc(2025, 4, 5, 9, 30));

        Assert.Equal(AcknowledgmentBreachesAt, Assert.IsType<DeadlineBreached>(Assert.Single(events)).BreachedAt);
    }

    [Fact]
    public void a_timer_delivered_early_or_twice_records_nothing_more()
    {
        var dispute = Opened();
        var timer = BreachTimer(dispute, ComplianceClock.Acknowledgment, AcknowledgmentDue);
        var breached = Fold(dispute, timer.Decide(dispute, AcknowledgmentBreachesAt));

        Assert.Empty(timer.Decide(dispute, AcknowledgmentBreachesAt - Duration.FromSeconds(1)));
        Assert.Empty(timer.Decide(breached, AcknowledgmentBreachesAt + Duration.FromMinutes(5)));
    }

    [Fact]
    public void a_clock_met_stopped_or_not_applicable_never_breaches()
    {
        var met = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 4, 1, 15, 0)));
        var stopped = Opened().Evolve(new DisputeWithdrawn(Instant.FromUtc(2025, 3, 20, 15, 0), null));
        var late = Opened(statementDaysBefore: 70);

        Assert.Empty(BreachTimer(met, ComplianceClock.Acknowledgment, AcknowledgmentDue).Decide(met, AcknowledgmentBreachesAt));
        Assert.Empty(BreachTimer(stopped, ComplianceClock.Resolution, ResolutionDue).Decide(stopped, ResolutionBreachesAt));
        Assert.Empty(BreachTimer(late, ComplianceClock.Acknowledgment, AcknowledgmentDue).Decide(late, AcknowledgmentBreachesAt));
    }

    [Fact]
    public void a_timer_records_every_breach_due_and_the_forfeiture_is_counted_once()
    {
        // Nothing was done: the resolution's timer finds the acknowledgment's breach unrecorded too.
        var dispute = Opened();

        var events = BreachTimer(dispute, ComplianceClock.Resolution, ResolutionDue).Decide(dispute, ResolutionBreachesAt);

        Assert.Equal(
            [new DeadlineBreached(ComplianceClock.Acknowledgment, AcknowledgmentDue, AcknowledgmentBreachesAt, 50m),
             new DeadlineBreached(ComplianceClock.Resolution, ResolutionDue, ResolutionBreachesAt, 50m)],
            events);
        Assert.Equal(50m, Fold(dispute, events).ForfeitureExposure);
    }

    [Fact]
    public void a_breach_timer_left_from_a_due_date_moved_later_records_nothing()
    {
        // The calendar changed: the resolution is now due 06-01, so the 05-15 timer finds the clock pending and not yet due.
        var moved = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 3, 10, 15, 0)))
            .Evolve(new ResolutionDeadlineRecomputed(new ResolutionDeadline(new LocalDate(2025, 6, 1), ResolutionBasis.NinetyDayCap, null), Instant.FromUtc(2025, 4, 20, 15, 0)));

        Assert.Empty(BreachTimer(moved, ComplianceClock.Resolution, ResolutionDue).Decide(moved, ResolutionBreachesAt));
    }

    [Fact]
    public void a_warning_is_recorded_once_for_its_lead_time()
    {
        // Two whole days are left from the start of 03-31 in New York.
        var dispute = Opened();
        var firesAt = Instant.FromUtc(2025, 3, 31, 4, 0);
        var timer = Warning(dispute, ComplianceClock.Acknowledgment, AcknowledgmentDue, 2);

        var events = timer.Decide(dispute, firesAt);
        var warned = Fold(dispute, events);

        Assert.Equal(new DeadlineApproaching(ComplianceClock.Acknowledgment, AcknowledgmentDue, 2, firesAt), Assert.Single(events));
        Assert.Equal([2], warned.AcknowledgmentClock.WarningsGiven);
        Assert.Equal(ClockStatus.Pending, warned.AcknowledgmentClock.Status);
        Assert.Contains("is 2 days away", warned.Steps[^1].Summary);
        Assert.Empty(timer.Decide(warned, firesAt + Duration.FromMinutes(1)));
        Assert.Single(Warning(dispute, ComplianceClock.Acknowledgment, AcknowledgmentDue, 7).Decide(warned, firesAt));
    }

    [Fact]
    public void a_warning_for_a_clock_already_met_or_for_an_earlier_due_date_records_nothing()
    {
        var met = Opened().Evolve(new AcknowledgmentSent(Instant.FromUtc(2025, 3, 20, 15, 0)));
        var moved = met.Evolve(new ResolutionDeadlineRecomputed(
            new ResolutionDeadline(new LocalDate(2025, 6, 1), ResolutionBasis.NinetyDayCap, null), Instant.FromUtc(2025, 4, 20, 15, 0)));

        Assert.Empty(Warning(met, ComplianceClock.Acknowledgment, AcknowledgmentDue, 2).Decide(met, Instant.FromUtc(2025, 3, 31, 4, 0)));
        Assert.Empty(Warning(moved, ComplianceClock.Resolution, ResolutionDue, 7).Decide(moved, Instant.FromUtc(2025, 5, 9, 4, 0)));
    }

    [Fact]
    public void a_warning_that_fires_after_its_breach_instant_records_the_breach_and_no_warning()
    {
        var dispute = Opened();

        var events = Warning(dispute, ComplianceClock.Acknowledgment, AcknowledgmentDue, 2).Decide(dispute, AcknowledgmentBreachesAt + Duration.FromHours(1));

        Assert.Equal(ComplianceClock.Acknowledgment, Assert.IsType<DeadlineBreached>(Assert.Single(events)).Clock);
    }
}

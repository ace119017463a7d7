using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Timing;

/// <summary>
/// Rule book section 3: a correction goes through the same decision as a calendar change, so it may make a pending
/// deadline earlier (breached at once when that has passed) and never removes a recorded breach.
/// </summary>
public class when_a_past_closing_correction_reaches_a_dispute
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly Instant Acknowledged = Instant.FromUtc(2025, 3, 5, 12, 0);

    // Closing on the 2nd: C0 04-02, C2 06-02, so the resolution is due 06-01 (the 90-day cap).
    private static Dispute OnTheSecond() =>
        Given.DisputeReceivedOn(Received, calendar: new MonthlyClosingDay(2)).Evolve(new AcknowledgmentSent(Acknowledged));

    private static readonly ClosingCorrection MarchClosedOnThe4th = new(new LocalDate(2025, 3, 2), new LocalDate(2025, 3, 4));

    private static CalendarHistory CorrectedTo4th() =>
        new CalendarHistory(new MonthlyClosingDay(2)).Corrected(MarchClosedOnThe4th.RecordedOn, MarchClosedOnThe4th.ClosedOn);

    [Fact]
    public void a_pending_deadline_becomes_earlier_and_says_which_closing_was_corrected()
    {
        var dispute = OnTheSecond();
        Assert.Equal(new LocalDate(2025, 6, 1), dispute.ResolutionClock.DueOn);

        var events = RecomputeResolutionDeadline.Decide(dispute, CorrectedTo4th(), Instant.FromUtc(2025, 3, 10, 15, 0), MarchClosedOnThe4th);

        var recomputed = Assert.IsType<ResolutionDeadlineRecomputed>(Assert.Single(events));
        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 5, 2), ResolutionBasis.TwoCycles, null), recomputed.Deadline);
        Assert.Equal(MarchClosedOnThe4th, recomputed.CorrectedClosing);
        Assert.Equal("Past closing corrected (2025-03-02 really closed on 2025-03-04): resolution now due 2025-05-02.",
            DisputeStep.For(recomputed, 3).Summary);
    }

    [Fact]
    public void an_earlier_deadline_that_has_already_passed_breaches_at_once()
    {
        // Corrected on 05-05: the new due date 05-02 breached at 05-03T04:00Z, while 06-01 was still ahead.
        var events = RecomputeResolutionDeadline.Decide(OnTheSecond(), CorrectedTo4th(), Instant.FromUtc(2025, 5, 5, 15, 0), MarchClosedOnThe4th);

        Assert.Collection(events,
            e => Assert.Equal(new LocalDate(2025, 5, 2), Assert.IsType<ResolutionDeadlineRecomputed>(e).Deadline.DueOn),
            e =>
            {
                var breach = Assert.IsType<DeadlineBreached>(e);
                Assert.Equal((ComplianceClock.Resolution, new LocalDate(2025, 5, 2), Instant.FromUtc(2025, 5, 3, 4, 0)), (breach.Clock, breach.DueOn, breach.BreachedAt));
            });
    }

    [Fact]
    public void a_recorded_breach_stays_whatever_the_correction()
    {
        // Closing on the 15th: due 05-15, breached 05-16T04:00Z. On 05-20 the 05-15 closing is corrected to 05-12.
        var breached = Given.DisputeReceivedOn(Received, calendar: new MonthlyClosingDay(15)).Evolve(new AcknowledgmentSent(Acknowledged))
            .Evolve(new DeadlineBreached(ComplianceClock.Resolution, new LocalDate(2025, 5, 15), Instant.FromUtc(2025, 5, 16, 4, 0), 50m));
        var correction = new ClosingCorrection(new LocalDate(2025, 5, 15), new LocalDate(2025, 5, 12));
        var history = new CalendarHistory(new MonthlyClosingDay(15)).Corrected(correction.RecordedOn, correction.ClosedOn);

        var events = RecomputeResolutionDeadline.Decide(breached, history, Instant.FromUtc(2025, 5, 20, 15, 0), correction);

        Assert.Empty(events);
    }

    [Fact]
    public void a_breach_due_before_the_correction_is_recorded_first_and_its_deadline_does_not_move()
    {
        // The same correction, the timer not yet run: the breach of 05-15 is recorded, and 05-12 is never applied.
        var dispute = Given.DisputeReceivedOn(Received, calendar: new MonthlyClosingDay(15)).Evolve(new AcknowledgmentSent(Acknowledged));
        var correction = new ClosingCorrection(new LocalDate(2025, 5, 15), new LocalDate(2025, 5, 12));
        var history = new CalendarHistory(new MonthlyClosingDay(15)).Corrected(correction.RecordedOn, correction.ClosedOn);

        var events = RecomputeResolutionDeadline.Decide(dispute, history, Instant.FromUtc(2025, 5, 20, 15, 0), correction);

        var breach = Assert.IsType<DeadlineBreached>(Assert.Single(events));
        Assert.Equal(new LocalDate(2025, 5, 15), breach.DueOn);
    }
}

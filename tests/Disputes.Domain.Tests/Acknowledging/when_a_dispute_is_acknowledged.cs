using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Acknowledging;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Acknowledging;

/// <summary>
/// Rule book section 2: the written acknowledgment is due 30 days after receipt and is met on the day it is sent. A notice
/// received at noon in New York on 2025-03-03, the account closing on the 15th: acknowledgment due 2025-04-02, breached at the
/// start of 04-03 in New York (2025-04-03T04:00Z); resolution due 2025-05-15.
/// </summary>
public class when_a_dispute_is_acknowledged
{
    private static readonly Instant BreachesAt = Instant.FromUtc(2025, 4, 3, 4, 0);

    private static Dispute Opened(int statementDaysBefore = 10) =>
        Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15), statementDaysBefore: statementDaysBefore);

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    [Fact]
    public void an_acknowledgment_before_the_due_date_meets_the_clock_at_the_instant_it_was_sent()
    {
        var sentAt = Instant.FromUtc(2025, 3, 10, 14, 0);
        var dispute = Opened();

        var events = AcknowledgeDispute.Decide(dispute, sentAt);
        var acknowledged = Fold(dispute, events);

        Assert.Equal(new AcknowledgmentSent(sentAt), Assert.Single(events));
        Assert.Equal(DisputeStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(sentAt, acknowledged.AcknowledgedAt);
        Assert.Equal((ClockStatus.Met, sentAt), (acknowledged.AcknowledgmentClock.Status, acknowledged.AcknowledgmentClock.MetAt));
        Assert.Equal((ClockStatus.Pending, new LocalDate(2025, 5, 15)), (acknowledged.ResolutionClock.Status, acknowledged.ResolutionClock.DueOn));
        Assert.DoesNotContain(DisputeAction.Acknowledge, DisputeActions.AllowedFor(acknowledged));
        Assert.Contains(DisputeAction.Resolve, DisputeActions.AllowedFor(acknowledged));
    }

    [Fact]
    public void an_acknowledgment_in_the_last_minute_of_the_due_date_is_in_time()
    {
        // 2025-04-03T03:59Z is 23:59 on 04-02 in New York.
        var acknowledged = Fold(Opened(), AcknowledgeDispute.Decide(Opened(), BreachesAt - Duration.FromMinutes(1)));

        Assert.Equal(ClockStatus.Met, acknowledged.AcknowledgmentClock.Status);
        Assert.Null(acknowledged.ForfeitureExposure);
    }

    [Fact]
    public void an_acknowledgment_after_the_due_date_records_the_breach_first_at_the_breach_instant()
    {
        var dispute = Opened();

        var events = AcknowledgeDispute.Decide(dispute, BreachesAt + Duration.FromSeconds(1));
        var acknowledged = Fold(dispute, events);

        Assert.Collection(events,
            e => Assert.Equal(new DeadlineBreached(ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), BreachesAt, 50m), e),
            e => Assert.Equal(new AcknowledgmentSent(BreachesAt + Duration.FromSeconds(1)), e));
        Assert.Equal((ClockStatus.Breached, BreachesAt), (acknowledged.AcknowledgmentClock.Status, acknowledged.AcknowledgmentClock.BreachedAt));
        Assert.Equal(DisputeStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(50m, acknowledged.ForfeitureExposure);
    }

    [Fact]
    public void a_late_notice_is_still_acknowledged_with_no_clock_to_meet()
    {
        // The statement 70 days before the receipt: the window ended 10 days before the notice.
        var late = Opened(statementDaysBefore: 70);

        var acknowledged = Fold(late, AcknowledgeDispute.Decide(late, BreachesAt + Duration.FromDays(30)));

        Assert.Equal(DisputeStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(ClockStatus.NotApplicable, acknowledged.AcknowledgmentClock.Status);
        Assert.Null(acknowledged.ForfeitureExposure);
    }

    [Fact]
    public void a_dispute_is_acknowledged_once()
    {
        var sentAt = Instant.FromUtc(2025, 3, 10, 14, 0);
        var acknowledged = Opened().Evolve(new AcknowledgmentSent(sentAt));

        var refused = Assert.Throws<DisputeRuleViolation>(() => AcknowledgeDispute.Decide(acknowledged, sentAt + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.AlreadyAcknowledged, refused.Rule);
        Assert.Contains("2025-03-10T14:00:00Z", refused.Message);
    }

    [Fact]
    public void an_acknowledgment_waiting_in_the_print_queue_is_not_written_again()
    {
        var queuedAt = Instant.FromUtc(2025, 3, 10, 14, 0);
        var queued = Opened().Evolve(new NoticeQueuedForPost(Guid.NewGuid(), NoticeKind.Acknowledgment, NoticeLanguage.En, "v1", queuedAt, "sha"));

        var refused = Assert.Throws<DisputeRuleViolation>(() => AcknowledgeDispute.Decide(queued, queuedAt + Duration.FromDays(1)));
        var byPost = Assert.Throws<DisputeRuleViolation>(() => AcknowledgeDispute.DecideByPost(queued, queuedAt + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.AcknowledgmentQueuedForPost, refused.Rule);
        Assert.Equal(DisputeRule.AcknowledgmentQueuedForPost, byPost.Rule);
        Assert.Equal(ClockStatus.Pending, queued.AcknowledgmentClock.Status);
        Assert.DoesNotContain(DisputeAction.Acknowledge, DisputeActions.AllowedFor(queued));
    }

    [Fact]
    public void a_letter_queued_for_the_post_meets_no_clock_but_a_breach_due_is_recorded()
    {
        // Rule book section 8: the date a notice was sent meets the clock; a letter in the print queue is not sent yet.
        var dispute = Opened();

        Assert.Empty(AcknowledgeDispute.DecideByPost(dispute, Instant.FromUtc(2025, 3, 10, 14, 0)));
        var late = Assert.IsType<DeadlineBreached>(Assert.Single(AcknowledgeDispute.DecideByPost(dispute, BreachesAt)));
        Assert.Equal((ComplianceClock.Acknowledgment, BreachesAt), (late.Clock, late.BreachedAt));
    }

    [Fact]
    public void a_dispute_resolved_within_the_30_days_needs_no_acknowledgment_and_refuses_one()
    {
        var dispute = Opened();
        var resolvedAt = Instant.FromUtc(2025, 3, 20, 15, 0);
        var resolved = Fold(dispute, new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(dispute, resolvedAt));

        var refused = Assert.Throws<DisputeRuleViolation>(() => AcknowledgeDispute.Decide(resolved, resolvedAt + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.Resolved, refused.Rule);
        Assert.Equal((ClockStatus.MetByResolution, resolvedAt), (resolved.AcknowledgmentClock.Status, resolved.AcknowledgmentClock.MetAt));
    }

    [Fact]
    public void a_withdrawn_dispute_is_not_acknowledged()
    {
        var withdrawn = Opened().Evolve(new DisputeWithdrawn(Instant.FromUtc(2025, 3, 5, 15, 0), "Found the purchase"));

        var refused = Assert.Throws<DisputeRuleViolation>(() => AcknowledgeDispute.Decide(withdrawn, Instant.FromUtc(2025, 3, 6, 15, 0)));

        Assert.Equal(DisputeRule.Withdrawn, refused.Rule);
        Assert.Contains("withdrew", refused.Message);
    }
}

using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Disputes.Withdrawing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Withdrawing;

/// <summary>
/// Rule book section 5 (comment 13(b)-1) and the clarifications: a withdrawn notice stops its pending clocks, and a stopped
/// clock never breaches. A notice received 2025-03-03 in New York, the account closing on the 15th: acknowledgment due 04-02
/// (breached at 2025-04-03T04:00Z), resolution due 05-15.
/// </summary>
public class when_a_cardmember_withdraws_a_dispute
{
    private static readonly Instant OnMarch10 = Instant.FromUtc(2025, 3, 10, 15, 0);

    private static Dispute Opened() => Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15));

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    [Fact]
    public void the_pending_clocks_stop_and_only_notes_follow()
    {
        var dispute = Opened();

        var events = WithdrawDispute.Decide(dispute, "Merchant refunded me", OnMarch10);
        var withdrawn = Fold(dispute, events);

        Assert.Equal(new DisputeWithdrawn(OnMarch10, "Merchant refunded me"), Assert.Single(events));
        Assert.Equal(DisputeStatus.Withdrawn, withdrawn.Status);
        Assert.False(withdrawn.IsActive);
        Assert.Equal((ClockStatus.Stopped, ClockStatus.Stopped), (withdrawn.AcknowledgmentClock.Status, withdrawn.ResolutionClock.Status));
        Assert.Equal([DisputeAction.AddNote], DisputeActions.AllowedFor(withdrawn));
        Assert.Null(withdrawn.ForfeitureExposure);
    }

    [Fact]
    public void a_clock_already_met_stays_met()
    {
        var acknowledged = Opened().Evolve(new AcknowledgmentSent(OnMarch10));

        var withdrawn = Fold(acknowledged, WithdrawDispute.Decide(acknowledged, null, OnMarch10 + Duration.FromDays(2)));

        Assert.Equal((ClockStatus.Met, OnMarch10), (withdrawn.AcknowledgmentClock.Status, withdrawn.AcknowledgmentClock.MetAt));
        Assert.Equal(ClockStatus.Stopped, withdrawn.ResolutionClock.Status);
    }

    [Fact]
    public void a_stopped_clock_never_breaches_whatever_happens_later()
    {
        var withdrawn = Fold(Opened(), WithdrawDispute.Decide(Opened(), null, OnMarch10));
        var inJuly = Instant.FromUtc(2025, 7, 1, 15, 0);

        var afterATimer = withdrawn.Evolve(new DeadlineBreached(ComplianceClock.Resolution, new LocalDate(2025, 5, 15), Instant.FromUtc(2025, 5, 16, 4, 0), 50m));

        Assert.Empty(withdrawn.BreachesDueBy(inJuly));
        Assert.Equal(ClockStatus.Stopped, afterATimer.ResolutionClock.Status);
        Assert.Null(afterATimer.ForfeitureExposure);
    }

    [Fact]
    public void a_withdrawal_after_a_due_date_records_the_breach_first_and_the_forfeiture_stays()
    {
        var at = Instant.FromUtc(2025, 4, 5, 15, 0);

        var events = WithdrawDispute.Decide(Opened(), "Found the purchase", at);
        var withdrawn = Fold(Opened(), events);

        Assert.Collection(events,
            e => Assert.Equal(new DeadlineBreached(ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), Instant.FromUtc(2025, 4, 3, 4, 0), 50m), e),
            e => Assert.Equal(new DisputeWithdrawn(at, "Found the purchase"), e));
        Assert.Equal((ClockStatus.Breached, ClockStatus.Stopped), (withdrawn.AcknowledgmentClock.Status, withdrawn.ResolutionClock.Status));
        Assert.Equal(50m, withdrawn.ForfeitureExposure);
    }

    [Fact]
    public void a_dispute_is_withdrawn_once()
    {
        var withdrawn = Opened().Evolve(new DisputeWithdrawn(OnMarch10, null));

        var refused = Assert.Throws<DisputeRuleViolation>(() => WithdrawDispute.Decide(withdrawn, null, OnMarch10 + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.Withdrawn, refused.Rule);
    }

    [Fact]
    public void a_resolved_dispute_is_not_withdrawn_but_its_reassertion_can_be()
    {
        var dispute = Opened();
        var resolved = Fold(dispute, new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(dispute, OnMarch10));
        var later = OnMarch10 + Duration.FromDays(5);

        var refused = Assert.Throws<DisputeRuleViolation>(() => WithdrawDispute.Decide(resolved, null, later));
        var reopened = Fold(resolved, ReopenDispute.Decide(resolved, "The charge came back", later));
        var withdrawn = Fold(reopened, WithdrawDispute.Decide(reopened, "Merchant refunded me after all", later + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.Resolved, refused.Rule);
        Assert.Equal(DisputeStatus.Withdrawn, withdrawn.Status);
        Assert.Equal((ClockStatus.MetByResolution, ClockStatus.Met), (withdrawn.AcknowledgmentClock.Status, withdrawn.ResolutionClock.Status));
    }
}

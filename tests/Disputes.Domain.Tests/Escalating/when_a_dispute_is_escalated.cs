using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Escalating;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Resolving;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Escalating;

/// <summary>
/// Handing a dispute to a supervisor or a team moves no clock: the duties of 1026.13(c) stay the issuer's whoever works the
/// dispute. A notice received 2025-03-03 in New York, the account closing on the 15th: acknowledgment due 04-02 (breached at
/// 2025-04-03T04:00Z), resolution due 05-15.
/// </summary>
public class when_a_dispute_is_escalated
{
    private static readonly Instant OnMarch10 = Instant.FromUtc(2025, 3, 10, 14, 0);

    private static Dispute Opened() => Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15));

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    [Fact]
    public void the_dispute_goes_to_the_supervisor_and_its_clocks_run_on()
    {
        var dispute = Opened();

        var events = EscalateDispute.Decide(dispute, EscalationTarget.Supervisor, "Large merchant, second opinion", OnMarch10);
        var escalated = Fold(dispute, events);

        Assert.Equal(new DisputeEscalated(EscalationTarget.Supervisor, "Large merchant, second opinion", OnMarch10), Assert.Single(events));
        Assert.Equal(EscalationTarget.Supervisor, escalated.EscalatedTo);
        Assert.Equal(DisputeStatus.Open, escalated.Status);
        Assert.Equal((dispute.AcknowledgmentClock, dispute.ResolutionClock), (escalated.AcknowledgmentClock, escalated.ResolutionClock));
        Assert.Contains("Escalated to supervisor: Large merchant, second opinion", escalated.Steps[^1].Summary);
    }

    [Fact]
    public void escalating_to_where_the_dispute_already_is_is_refused()
    {
        var escalated = Opened().Evolve(new DisputeEscalated(EscalationTarget.Credit, "Needs a credit decision", OnMarch10));

        var refused = Assert.Throws<DisputeRuleViolation>(() =>
            EscalateDispute.Decide(escalated, EscalationTarget.Credit, "Again", OnMarch10 + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.AlreadyEscalatedThere, refused.Rule);
        Assert.Contains("credit", refused.Message);
    }

    [Fact]
    public void a_dispute_can_move_on_to_another_team_and_back()
    {
        var dispute = Opened();
        dispute = Fold(dispute, EscalateDispute.Decide(dispute, EscalationTarget.Supervisor, "Second opinion", OnMarch10));
        dispute = Fold(dispute, EscalateDispute.Decide(dispute, EscalationTarget.Credit, "Needs a credit decision", OnMarch10 + Duration.FromDays(1)));
        dispute = Fold(dispute, EscalateDispute.Decide(dispute, EscalationTarget.Supervisor, "Back for sign-off", OnMarch10 + Duration.FromDays(2)));

        Assert.Equal(EscalationTarget.Supervisor, dispute.EscalatedTo);
        Assert.Equal(3, dispute.Steps.Count(s => s.Type == "escalated"));
    }

    [Fact]
    public void an_escalation_after_the_acknowledgment_due_date_records_the_breach_first()
    {
        var events = EscalateDispute.Decide(Opened(), EscalationTarget.Disputes, "Overdue", Instant.FromUtc(2025, 4, 5, 14, 0));

        Assert.Collection(events,
            e => Assert.Equal(new DeadlineBreached(ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), Instant.FromUtc(2025, 4, 3, 4, 0), 50m), e),
            e => Assert.Equal(EscalationTarget.Disputes, Assert.IsType<DisputeEscalated>(e).To));
    }

    [Fact]
    public void a_withdrawn_dispute_is_not_escalated_even_to_where_it_already_is()
    {
        var withdrawn = Opened()
            .Evolve(new DisputeEscalated(EscalationTarget.Supervisor, "Second opinion", OnMarch10))
            .Evolve(new DisputeWithdrawn(OnMarch10 + Duration.FromDays(1), null));

        var refused = Assert.Throws<DisputeRuleViolation>(() =>
            EscalateDispute.Decide(withdrawn, EscalationTarget.Supervisor, "Again", OnMarch10 + Duration.FromDays(2)));

        Assert.Equal(DisputeRule.Withdrawn, refused.Rule);
    }

    [Fact]
    public void a_resolved_dispute_is_escalated_only_once_reopened()
    {
        var dispute = Opened();
        var resolved = Fold(dispute, new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(dispute, OnMarch10));
        var later = OnMarch10 + Duration.FromDays(10);

        var refused = Assert.Throws<DisputeRuleViolation>(() => EscalateDispute.Decide(resolved, EscalationTarget.Supervisor, "Charge came back", later));
        var reopened = Fold(resolved, ReopenDispute.Decide(resolved, "Charge came back", later));

        Assert.Equal(DisputeRule.Resolved, refused.Rule);
        Assert.Contains("Reopen it", refused.Message);
        Assert.IsType<DisputeEscalated>(Assert.Single(EscalateDispute.Decide(reopened, EscalationTarget.Supervisor, "Charge came back", later)));
    }
}

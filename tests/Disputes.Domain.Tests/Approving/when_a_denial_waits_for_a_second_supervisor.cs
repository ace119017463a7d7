using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Approving;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Approving;

/// <summary>
/// A denial or partial credit is proposed by one person and takes effect only when a supervisor other than the proposer
/// approves it; the clocks run on meanwhile and are met by the approval.
/// </summary>
public class when_a_denial_waits_for_a_second_supervisor
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly Instant ProposedAt = Instant.FromUtc(2025, 3, 20, 15, 0);
    private static readonly Instant ApprovedAt = Instant.FromUtc(2025, 3, 21, 15, 0);
    private static readonly Guid First = Guid.NewGuid();

    private static readonly ResolveDispute Denial = new(ResolutionOutcome.NoError, null, "Signed receipt matches", 127.43m, new LocalDate(2025, 4, 20));

    private static Dispute Opened() => Given.DisputeReceivedOn(Received);

    private static Dispute Proposed(Dispute? dispute = null, Guid? id = null, string by = "agent-7", ResolveDispute? resolution = null)
    {
        dispute ??= Opened();
        return Fold(dispute, new ProposeResolution(resolution ?? Denial, NoticeLanguage.En, DeliveryChannel.SecureMessage, by).Decide(dispute, id ?? First, ProposedAt));
    }

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    [Theory]
    [InlineData(ResolutionOutcome.NoError, 0, true)]
    [InlineData(ResolutionOutcome.Partial, 0, true)]
    [InlineData(ResolutionOutcome.Corrected, 0, false)]
    [InlineData(ResolutionOutcome.NoError, 127.43, false)]
    [InlineData(ResolutionOutcome.NoError, 127.42, true)]
    public void only_a_denial_or_partial_credit_over_the_programs_amount_needs_approval(ResolutionOutcome outcome, double above, bool required) =>
        Assert.Equal(required, ResolutionApproval.IsRequired(Opened(), outcome, (decimal)above));

    [Fact]
    public void a_proposal_resolves_nothing_and_meets_no_clock()
    {
        var dispute = Proposed();

        Assert.Equal(DisputeStatus.Open, dispute.Status);
        Assert.Null(dispute.Resolution);
        Assert.Equal(ClockStatus.Pending, dispute.AcknowledgmentClock.Status);
        Assert.Equal("agent-7", dispute.PendingProposal!.Proposed.ProposedBy);
        Assert.Contains(DisputeAction.ApproveResolution, DisputeActions.AllowedFor(dispute));
        Assert.Contains(DisputeAction.RejectResolution, DisputeActions.AllowedFor(dispute));
    }

    [Fact]
    public void a_proposal_is_checked_as_the_resolution_would_be()
    {
        var tooEarly = Denial with { PaymentDueOn = new LocalDate(2025, 4, 1) };

        var refused = Assert.Throws<DisputeFieldViolation>(() =>
            new ProposeResolution(tooEarly, NoticeLanguage.En, DeliveryChannel.SecureMessage, "agent-7").Decide(Opened(), First, ProposedAt));

        Assert.Equal("paymentDueOn", refused.Field);
    }

    [Fact]
    public void approval_resolves_at_its_own_instant_and_names_both_people()
    {
        var events = DecideOnProposal.Approve(Proposed(), First, "supervisor-2", ApprovedAt);

        var approved = Assert.IsType<ResolutionApproved>(events[0]);
        Assert.Equal(("agent-7", ProposedAt, "supervisor-2", ApprovedAt), (approved.ProposedBy, approved.ProposedAt, approved.ApprovedBy, approved.ApprovedAt));
        var resolved = Assert.IsType<DisputeResolved>(events[1]);
        Assert.Equal(ApprovedAt, resolved.ResolvedAt);
        var after = Fold(Proposed(), events);
        Assert.Equal(ClockStatus.MetByResolution, after.AcknowledgmentClock.Status);
        Assert.Equal(ApprovedAt, after.AcknowledgmentClock.MetAt);
        Assert.Null(after.PendingProposal);
    }

    [Fact]
    public void a_clock_that_runs_out_while_waiting_breaches_before_the_approval()
    {
        // Acknowledgment due 2025-04-02; proposed on 03-20, approved on 04-10.
        var late = Instant.FromUtc(2025, 4, 10, 15, 0);

        var nothingOwed = Denial with { AmountOwed = 0m, PaymentDueOn = null };

        var events = DecideOnProposal.Approve(Proposed(resolution: nothingOwed), First, "supervisor-2", late);

        var breach = Assert.IsType<DeadlineBreached>(events[0]);
        Assert.Equal(ComplianceClock.Acknowledgment, breach.Clock);
        Assert.IsType<ResolutionApproved>(events[1]);
        Assert.IsType<DisputeResolved>(events[2]);
    }

    [Fact]
    public void a_payment_date_that_waiting_made_too_early_outdates_the_proposal()
    {
        // Due 04-20 is 31 days after the proposal on 03-20, but only 10 after an approval on 04-10: fewer than the 25 the account gives.
        var refused = Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Approve(Proposed(), First, "supervisor-2", Instant.FromUtc(2025, 4, 10, 15, 0)));

        Assert.Equal(DisputeRule.ProposalOutdated, refused.Rule);
        Assert.Contains("2025-05-05", refused.Message);
    }

    [Fact]
    public void the_proposer_may_not_decide_on_their_own_proposal()
    {
        var own = Proposed(by: "supervisor-2");

        Assert.Equal(DisputeRule.OwnProposal, Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Approve(own, First, "supervisor-2", ApprovedAt)).Rule);
        Assert.Equal(DisputeRule.OwnProposal, Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Reject(own, First, "supervisor-2", "No", ApprovedAt)).Rule);
    }

    [Fact]
    public void nothing_pending_cannot_be_approved()
    {
        var refused = Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Approve(Opened(), First, "supervisor-2", ApprovedAt));

        Assert.Equal(DisputeRule.NoProposalPending, refused.Rule);
    }

    [Fact]
    public void a_replaced_proposal_cannot_be_approved_and_the_newer_one_can()
    {
        var second = Guid.NewGuid();
        var replaced = Proposed(Proposed(), second);

        var refused = Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Approve(replaced, First, "supervisor-2", ApprovedAt));

        Assert.Equal(DisputeRule.ProposalSuperseded, refused.Rule);
        Assert.Contains(second.ToString(), refused.Message);
        Assert.IsType<DisputeResolved>(DecideOnProposal.Approve(replaced, second, "supervisor-2", ApprovedAt)[^1]);
    }

    [Fact]
    public void documents_arriving_after_the_proposal_outdate_it_but_it_can_still_be_returned()
    {
        var outdated = Proposed().Evolve(new DocumentsReceived(DocumentSource.Cardmember, "Delivery photo", ProposedAt + Duration.FromHours(2)));

        var refused = Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Approve(outdated, First, "supervisor-2", ApprovedAt));
        var returned = Fold(outdated, DecideOnProposal.Reject(outdated, First, "supervisor-2", "Look at the new photo first.", ApprovedAt));

        Assert.Equal(DisputeRule.ProposalOutdated, refused.Rule);
        Assert.Contains("Documents arrived", refused.Message);
        Assert.Null(returned.PendingProposal);
        Assert.Equal(DisputeStatus.Open, returned.Status);
        Assert.Contains("Look at the new photo first.", returned.Steps[^1].Summary);
    }

    [Fact]
    public void a_withdrawal_ends_the_proposal()
    {
        var withdrawn = Proposed().Evolve(new DisputeWithdrawn(ApprovedAt, null));

        Assert.Null(withdrawn.PendingProposal);
        Assert.Equal(DisputeRule.Withdrawn, Assert.Throws<DisputeRuleViolation>(() => DecideOnProposal.Approve(withdrawn, First, "supervisor-2", ApprovedAt)).Rule);
    }
}

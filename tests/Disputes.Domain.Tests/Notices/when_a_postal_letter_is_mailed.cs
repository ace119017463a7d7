using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Approving;
using Disputes.Domain.Disputes.Investigating;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Disputes.Timing;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>
/// Rule book section 8: a clock is met on the date its notice is sent, and a letter by post is sent when the mail vendor
/// hands it to the post. A resolution by post takes effect at once but meets the resolution clock (and the acknowledgment
/// clock, within the 30 days) only at the mailing; a request for documents by post meets no clock.
/// </summary>
public class when_a_postal_letter_is_mailed
{
    // Received 2025-03-03 in New York, cycles closing on the 15th: acknowledgment due 04-02, resolution due 05-15.
    private static readonly Instant QueuedAt = Instant.FromUtc(2025, 3, 20, 15, 0);
    private static readonly Instant AcknowledgmentBreachesAt = Instant.FromUtc(2025, 4, 3, 4, 0);
    private static readonly Instant ResolutionBreachesAt = Instant.FromUtc(2025, 5, 16, 4, 0);

    private static Dispute Opened() => Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15));

    private static Dispute Apply(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    private static NoticeQueuedForPost Queued(NoticeKind kind, Instant at) =>
        new(Guid.NewGuid(), kind, NoticeLanguage.En, "2026-12-01.1", at, new string('a', 64));

    /// <summary>The dispute resolved with <paramref name="command"/> at <paramref name="at"/>, its letter queued for the post, as the endpoint records it.</summary>
    private static (Dispute Dispute, NoticeQueuedForPost Letter) ResolvedByPost(Dispute dispute, ResolveDispute command, Instant at)
    {
        var resolved = Apply(dispute, command.Decide(dispute, at, DeliveryChannel.Postal));
        var letter = Queued(NoticeKinds.ForResolution(command.Outcome), at);
        return (resolved.Evolve(letter), letter);
    }

    private static ResolveDispute Correction => new(ResolutionOutcome.Corrected, 127.43m, null, null, null);

    [Fact]
    public void a_resolution_by_post_resolves_at_once_but_leaves_both_clocks_pending()
    {
        var (dispute, _) = ResolvedByPost(Opened(), Correction, QueuedAt);

        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
        Assert.True(dispute.Resolution!.LetterByPost);
        Assert.Equal(ClockStatus.Pending, dispute.AcknowledgmentClock.Status);
        Assert.Equal(ClockStatus.Pending, dispute.ResolutionClock.Status);
        Assert.NotNull(dispute.ResolutionLetterQueued);
    }

    [Fact]
    public void the_mailing_within_30_days_meets_the_resolution_clock_and_the_acknowledgment_clock_at_the_mailing_instant()
    {
        var (dispute, letter) = ResolvedByPost(Opened(), Correction, QueuedAt);
        var mailedAt = QueuedAt + Duration.FromDays(2);

        var events = MailPostalNotices.Decide(dispute, [letter.NoticeId], mailedAt, mailedAt + Duration.FromHours(20));
        var mailed = Apply(dispute, events);

        var issued = Assert.IsType<NoticeIssued>(Assert.Single(events));
        Assert.Equal((DeliveryChannel.Postal, mailedAt, NoticeKind.Correction), (issued.Channel, issued.SentAt, issued.Kind));
        Assert.Equal((ClockStatus.Met, mailedAt), (mailed.ResolutionClock.Status, mailed.ResolutionClock.MetAt));
        Assert.Equal((ClockStatus.MetByResolution, mailedAt), (mailed.AcknowledgmentClock.Status, mailed.AcknowledgmentClock.MetAt));
        Assert.Null(mailed.ResolutionLetterQueued);
        Assert.Equal(DisputeStatus.Resolved, mailed.Status);
    }

    [Fact]
    public void the_acknowledgment_breach_its_timer_recorded_before_the_mailing_stays_and_the_mailing_meets_only_the_resolution_clock()
    {
        var (queued, letter) = ResolvedByPost(Opened(), Correction, QueuedAt);
        var timer = new DeadlineTimer(queued.Id, ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), null);
        var breached = Apply(queued, timer.Decide(queued, AcknowledgmentBreachesAt));
        var mailedAt = Instant.FromUtc(2025, 4, 10, 15, 0);

        var mailed = Apply(breached, MailPostalNotices.Decide(breached, [letter.NoticeId], mailedAt, mailedAt));

        Assert.Equal((ClockStatus.Breached, AcknowledgmentBreachesAt), (mailed.AcknowledgmentClock.Status, mailed.AcknowledgmentClock.BreachedAt));
        Assert.Equal((ClockStatus.Met, mailedAt), (mailed.ResolutionClock.Status, mailed.ResolutionClock.MetAt));
    }

    [Fact]
    public void a_confirmation_after_the_breach_instant_records_the_breach_first_even_for_an_earlier_mailing()
    {
        var late = Instant.FromUtc(2025, 5, 10, 15, 0);
        var (dispute, letter) = ResolvedByPost(Apply(Opened(), [new AcknowledgmentSent(QueuedAt)]), Correction, late);

        var events = MailPostalNotices.Decide(dispute, [letter.NoticeId], Instant.FromUtc(2025, 5, 14, 15, 0), ResolutionBreachesAt + Duration.FromHours(1));
        var mailed = Apply(dispute, events);

        var breach = Assert.IsType<DeadlineBreached>(events[0]);
        Assert.Equal((ComplianceClock.Resolution, ResolutionBreachesAt), (breach.Clock, breach.BreachedAt));
        Assert.IsType<NoticeIssued>(events[1]);
        Assert.Equal(ClockStatus.Breached, mailed.ResolutionClock.Status);
        Assert.Null(mailed.ResolutionClock.MetAt);
    }

    [Fact]
    public void a_breach_timer_fires_on_a_dispute_resolved_by_post_while_its_letter_waits()
    {
        var (dispute, _) = ResolvedByPost(Apply(Opened(), [new AcknowledgmentSent(QueuedAt)]), Correction, QueuedAt);
        var timer = new DeadlineTimer(dispute.Id, ComplianceClock.Resolution, new LocalDate(2025, 5, 15), null);

        var breach = Assert.IsType<DeadlineBreached>(Assert.Single(timer.Decide(dispute, ResolutionBreachesAt)));

        Assert.Equal(ResolutionBreachesAt, breach.BreachedAt);
    }

    [Fact]
    public void an_acknowledgment_and_a_resolution_mailed_together_meet_the_acknowledgment_clock_as_sent_and_the_dispute_stays_resolved()
    {
        var opened = Opened();
        var acknowledgment = Queued(NoticeKind.Acknowledgment, QueuedAt - Duration.FromDays(5));
        var (dispute, resolution) = ResolvedByPost(opened.Evolve(acknowledgment), Correction, QueuedAt);
        var mailedAt = QueuedAt + Duration.FromDays(1);

        var events = MailPostalNotices.Decide(dispute, [acknowledgment.NoticeId, resolution.NoticeId], mailedAt, mailedAt);
        var mailed = Apply(dispute, events);

        Assert.Equal([typeof(NoticeIssued), typeof(AcknowledgmentSent), typeof(NoticeIssued)], events.Select(e => e.GetType()));
        Assert.Equal((ClockStatus.Met, mailedAt), (mailed.AcknowledgmentClock.Status, mailed.AcknowledgmentClock.MetAt));
        Assert.Equal(ClockStatus.Met, mailed.ResolutionClock.Status);
        Assert.Equal(DisputeStatus.Resolved, mailed.Status);
        Assert.Equal(mailedAt, mailed.AcknowledgedAt);
    }

    [Fact]
    public void a_postal_acknowledgment_mailed_after_a_secure_message_resolution_acknowledges_nothing()
    {
        var acknowledgment = Queued(NoticeKind.Acknowledgment, QueuedAt - Duration.FromDays(5));
        var dispute = Apply(Opened().Evolve(acknowledgment), Correction.Decide(Opened(), QueuedAt));

        var events = MailPostalNotices.Decide(dispute, [acknowledgment.NoticeId], QueuedAt + Duration.FromDays(1), QueuedAt + Duration.FromDays(1));

        Assert.IsType<NoticeIssued>(Assert.Single(events));
        Assert.Equal(ClockStatus.MetByResolution, Apply(dispute, events).AcknowledgmentClock.Status);
    }

    [Fact]
    public void a_request_for_documents_by_post_meets_no_clock()
    {
        var opened = Opened();
        var requested = Apply(opened, InvestigationSteps.RequestDocuments(opened, DocumentSource.Cardmember, "The receipt", QueuedAt));
        var letter = Queued(NoticeKind.DocumentsRequest, QueuedAt);
        var dispute = requested.Evolve(letter);
        var mailedAt = QueuedAt + Duration.FromDays(1);

        var events = MailPostalNotices.Decide(dispute, [letter.NoticeId], mailedAt, mailedAt);
        var mailed = Apply(dispute, events);

        Assert.Equal(NoticeKind.DocumentsRequest, Assert.IsType<NoticeIssued>(Assert.Single(events)).Kind);
        Assert.Equal(ClockStatus.Pending, mailed.AcknowledgmentClock.Status);
        Assert.Equal(ClockStatus.Pending, mailed.ResolutionClock.Status);
        Assert.Empty(NoticeKinds.ClocksMet(NoticeKind.DocumentsRequest));
    }

    [Fact]
    public void the_clocks_each_kind_meets_once_sent()
    {
        Assert.Equal([ComplianceClock.Acknowledgment], NoticeKinds.ClocksMet(NoticeKind.Acknowledgment));
        Assert.Equal([ComplianceClock.Acknowledgment, ComplianceClock.Resolution], NoticeKinds.ClocksMet(NoticeKind.Correction));
        Assert.Equal([ComplianceClock.Acknowledgment, ComplianceClock.Resolution], NoticeKinds.ClocksMet(NoticeKind.Explanation));
        Assert.Empty(NoticeKinds.ClocksMet(NoticeKind.Reporting));
    }

    [Fact]
    public void a_denial_proposed_by_post_is_resolved_by_post_on_its_approval()
    {
        var opened = Opened();
        var proposal = new ProposeResolution(new ResolveDispute(ResolutionOutcome.NoError, null, "The signed receipt matches", 0m, null),
            NoticeLanguage.Es, DeliveryChannel.Postal, "agent-7");
        var proposed = Apply(opened, proposal.Decide(opened, Guid.NewGuid(), QueuedAt));

        var approved = DecideOnProposal.Approve(proposed, proposed.PendingProposal!.Proposed.ProposalId, "supervisor-2", QueuedAt + Duration.FromHours(2));
        var resolved = Apply(proposed, approved);

        Assert.Equal(DeliveryChannel.Postal, proposed.PendingProposal.Proposed.Channel);
        Assert.True(Assert.IsType<DisputeResolved>(approved[^1]).LetterByPost);
        Assert.Equal(ClockStatus.Pending, resolved.ResolutionClock.Status);
    }

    [Fact]
    public void a_dispute_whose_resolution_letter_waits_for_the_post_cannot_be_reopened_until_it_is_mailed()
    {
        var (dispute, letter) = ResolvedByPost(Opened(), Correction, QueuedAt);

        var refused = Assert.Throws<DisputeRuleViolation>(() => ReopenDispute.Decide(dispute, "I still dispute it", QueuedAt + Duration.FromDays(1)));
        var mailed = Apply(dispute, MailPostalNotices.Decide(dispute, [letter.NoticeId], QueuedAt + Duration.FromDays(1), QueuedAt + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.ResolutionQueuedForPost, refused.Rule);
        Assert.DoesNotContain(DisputeAction.Reopen, DisputeActions.AllowedFor(dispute));
        Assert.Contains(DisputeAction.Reopen, DisputeActions.AllowedFor(mailed));
        Assert.IsType<DisputeReopened>(Assert.Single(ReopenDispute.Decide(mailed, "I still dispute it", QueuedAt + Duration.FromDays(2))));
    }
}

using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Replaying;

/// <summary>
/// A dispute is its stream folded: <see cref="Dispute.Replay"/> from the opening, <see cref="Dispute.Evolve"/> one event at a
/// time, each event one version and one step. A notice received 2025-03-03 in New York, the account closing on the 15th:
/// acknowledgment due 04-02 (breached at 2025-04-03T04:00Z), resolution due 05-15 (breached at 2025-05-16T04:00Z).
/// </summary>
public class when_a_dispute_is_replayed
{
    private static readonly Instant OnMarch10 = Instant.FromUtc(2025, 3, 10, 15, 0);

    private static DisputeOpened Opening(int statementDaysBefore = 10) =>
        Given.NoticeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15), statementDaysBefore: statementDaysBefore);

    private static Dispute Opened() => Dispute.Start(Opening());

    private static DeadlineBreached AcknowledgmentBreach => new(ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), Instant.FromUtc(2025, 4, 3, 4, 0), 50m);

    [Fact]
    public void the_stream_replayed_is_the_dispute_each_event_left()
    {
        var opening = Opening();
        object[] stream =
        [
            opening, new AcknowledgmentSent(OnMarch10), new DocumentsRequested(DocumentSource.Merchant, "Signed receipt", OnMarch10),
            new ProvisionalCreditIssued(50m, OnMarch10), new ProvisionalCreditIssued(27.43m, OnMarch10),
            new FinanceChargesRecorded(1.10m, OnMarch10), new FinanceChargesRecorded(1.00m, OnMarch10),
        ];

        var replayed = Dispute.Replay(stream)!;
        var folded = stream.Skip(1).Aggregate(Dispute.Start(opening), (d, e) => d.Evolve(e));

        Assert.Equal((7L, DisputeStatus.Acknowledged, OnMarch10, 77.43m, 2.10m),
            (replayed.Version, replayed.Status, replayed.AcknowledgedAt!.Value, replayed.ProvisionalCredit, replayed.FinanceCharges));
        Assert.Equal(opening.DisputeId, replayed.Id);
        Assert.Equal(folded.Steps, replayed.Steps);
        Assert.Equal((folded.AcknowledgmentClock, folded.ResolutionClock), (replayed.AcknowledgmentClock, replayed.ResolutionClock));
        Assert.Equal(Enumerable.Range(1, 7).Select(v => (long)v), replayed.Steps.Select(s => s.Version));
        Assert.Equal(
            ["dispute_opened", "acknowledgment_sent", "documents_requested", "provisional_credit_issued", "provisional_credit_issued",
             "finance_charges_recorded", "finance_charges_recorded"],
            replayed.Steps.Select(s => s.Type));
    }

    [Fact]
    public void a_stream_without_its_opening_is_no_dispute()
    {
        Assert.Null(Dispute.Replay([]));
        Assert.Null(Dispute.Replay([new AcknowledgmentSent(OnMarch10), new NoteAdded("Orphan", OnMarch10)]));
    }

    [Fact]
    public void the_status_follows_the_disputes_life()
    {
        var statuses = new List<DisputeStatus>();
        var dispute = Opened();
        statuses.Add(dispute.Status);
        foreach (var e in new object[]
        {
            new AcknowledgmentSent(OnMarch10),
            new DisputeEscalated(EscalationTarget.Supervisor, "Second opinion", OnMarch10),
            new DisputeResolved(ResolutionOutcome.Corrected, 127.43m, null, null, null, OnMarch10 + Duration.FromDays(5)),
            new DisputeReopened("The charge came back", OnMarch10 + Duration.FromDays(10), true),
            new DisputeWithdrawn(OnMarch10 + Duration.FromDays(11), "Refunded after all"),
        })
        {
            dispute = dispute.Evolve(e);
            statuses.Add(dispute.Status);
        }

        Assert.Equal(
            [DisputeStatus.Open, DisputeStatus.Acknowledged, DisputeStatus.Acknowledged, DisputeStatus.Resolved, DisputeStatus.Reopened, DisputeStatus.Withdrawn],
            statuses);
        Assert.Equal(EscalationTarget.Supervisor, dispute.EscalatedTo);
        Assert.Equal(127.43m, dispute.Resolution!.CreditedAmount);
    }

    [Fact]
    public void a_breach_reaches_only_its_own_pending_clock_and_puts_the_forfeiture_at_stake_once()
    {
        var breached = Opened().Evolve(AcknowledgmentBreach);
        var both = breached.Evolve(new DeadlineBreached(ComplianceClock.Resolution, new LocalDate(2025, 5, 15), Instant.FromUtc(2025, 5, 16, 4, 0), 50m));

        Assert.Equal((ClockStatus.Breached, Instant.FromUtc(2025, 4, 3, 4, 0)), (breached.AcknowledgmentClock.Status, breached.AcknowledgmentClock.BreachedAt!.Value));
        Assert.Equal(ClockStatus.Pending, breached.ResolutionClock.Status);
        Assert.Equal(50m, breached.ForfeitureExposure);
        Assert.Equal(ClockStatus.Breached, both.ResolutionClock.Status);
        Assert.Equal(50m, both.ForfeitureExposure);
    }

    [Fact]
    public void only_a_pending_clock_can_breach()
    {
        // Rule book clarifications: a clock that is met, or not applicable to a late notice, never breaches whatever timer fires later.
        var met = Opened().Evolve(new AcknowledgmentSent(OnMarch10)).Evolve(AcknowledgmentBreach);
        var late = Dispute.Start(Opening(statementDaysBefore: 70)).Evolve(AcknowledgmentBreach);

        Assert.Equal((ClockStatus.Met, (Instant?)null), (met.AcknowledgmentClock.Status, met.AcknowledgmentClock.BreachedAt));
        Assert.Null(met.ForfeitureExposure);
        Assert.Equal(ClockStatus.NotApplicable, late.AcknowledgmentClock.Status);
        Assert.Null(late.ForfeitureExposure);
    }

    [Fact]
    public void a_resolution_meets_the_acknowledgment_by_resolution_and_leaves_a_breached_clock_breached()
    {
        var resolvedAt = Instant.FromUtc(2025, 4, 10, 15, 0);

        var resolved = Opened().Evolve(AcknowledgmentBreach)
            .Evolve(new DisputeResolved(ResolutionOutcome.Corrected, 127.43m, null, null, null, resolvedAt));
        var inTime = Opened().Evolve(new DisputeResolved(ResolutionOutcome.Corrected, 127.43m, null, null, null, OnMarch10));

        Assert.Equal(ClockStatus.Breached, resolved.AcknowledgmentClock.Status);
        Assert.Equal((ClockStatus.Met, resolvedAt), (resolved.ResolutionClock.Status, resolved.ResolutionClock.MetAt!.Value));
        Assert.Equal((ClockStatus.MetByResolution, OnMarch10), (inTime.AcknowledgmentClock.Status, inTime.AcknowledgmentClock.MetAt!.Value));
    }

    [Fact]
    public void a_warning_counts_for_the_due_date_it_was_given_for_and_a_new_deadline_starts_with_none()
    {
        var warned = Opened()
            .Evolve(new DeadlineApproaching(ComplianceClock.Resolution, new LocalDate(2025, 5, 15), 7, OnMarch10))
            .Evolve(new DeadlineApproaching(ComplianceClock.Resolution, new LocalDate(2025, 6, 1), 2, OnMarch10));
        var recomputed = warned.Evolve(new ResolutionDeadlineRecomputed(
            new ResolutionDeadline(new LocalDate(2025, 5, 1), ResolutionBasis.TwoCycles, null), OnMarch10));

        Assert.Equal([7], warned.ResolutionClock.WarningsGiven);
        Assert.Empty(warned.AcknowledgmentClock.WarningsGiven);
        Assert.Equal((new LocalDate(2025, 5, 1), ClockStatus.Pending), (recomputed.ResolutionClock.DueOn!.Value, recomputed.ResolutionClock.Status));
        Assert.Empty(recomputed.ResolutionClock.WarningsGiven);
        Assert.Equal(new LocalDate(2025, 4, 2), recomputed.AcknowledgmentClock.DueOn);
    }

    [Fact]
    public void a_recompute_never_moves_a_clock_that_is_no_longer_pending()
    {
        var met = Opened().Evolve(new DisputeResolved(ResolutionOutcome.Corrected, 127.43m, null, null, null, OnMarch10));

        var after = met.Evolve(new ResolutionDeadlineRecomputed(new ResolutionDeadline(new LocalDate(2025, 5, 1), ResolutionBasis.TwoCycles, null), OnMarch10));

        Assert.Equal(met.ResolutionClock, after.ResolutionClock);
    }

    [Fact]
    public void a_letter_leaves_the_print_queue_when_the_mail_vendor_sends_it()
    {
        var letter = Guid.NewGuid();
        var queued = Opened().Evolve(new NoticeQueuedForPost(letter, NoticeKind.Acknowledgment, NoticeLanguage.En, "v1", OnMarch10, "sha"));

        var sent = queued.Evolve(new NoticeIssued(letter, NoticeKind.Acknowledgment, NoticeLanguage.En, "v1", DeliveryChannel.Postal, OnMarch10 + Duration.FromDays(1), "sha"));

        Assert.Equal(letter, Assert.Single(queued.QueuedForPost).NoticeId);
        Assert.Empty(sent.QueuedForPost);
        Assert.Equal(letter, Assert.Single(sent.Notices).NoticeId);
        Assert.Equal("Acknowledgment sent by post, in English.", sent.Steps[^1].Summary);
    }
}

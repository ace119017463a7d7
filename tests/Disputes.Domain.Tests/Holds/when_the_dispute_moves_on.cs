using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>
/// Rule book sections 4 and 5: finance charges raise the hold; withdrawal releases it at once, a correction with the credit, an
/// explanation at the end of the payment period; a reassertion within that period turns it into "report only as in dispute".
/// </summary>
public class when_the_dispute_moves_on
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Resolved = Instant.FromUtc(2025, 3, 20, 15, 0);

    // 25 days after 03-20; the hold ends at the start of 04-15 in New York.
    private static readonly LocalDate DueOn = new(2025, 4, 14);
    private static readonly Instant PeriodEnds = Instant.FromUtc(2025, 4, 15, 4, 0);

    [Fact]
    public void finance_charges_recorded_while_pending_raise_the_hold()
    {
        var held = HeldDispute.Opened();
        var at = Instant.FromUtc(2025, 3, 10, 15, 0);

        var changed = HeldDispute.Single<HoldChanged>(held.FinanceCharges(2.57m, at));
        held.FinanceCharges(1m, at + Duration.FromDays(1));

        Assert.Equal((130m, HoldChange.FinanceChargesRecorded, at), (changed.Amount, changed.Why, changed.ChangedAt));
        Assert.Equal(HoldTerms.WhilePending, changed.Terms);
        Assert.Equal(131m, held.PlacedHold.Amount);
        Assert.Equal(127.43m, held.PlacedHold.StandingAt(at - Duration.FromSeconds(1))!.Amount);
    }

    [Fact]
    public void a_withdrawal_releases_the_hold_at_once()
    {
        var held = HeldDispute.Opened();
        var at = Instant.FromUtc(2025, 3, 10, 15, 0);

        var released = HeldDispute.Single<HoldReleased>(held.Withdraw(at));

        Assert.Equal(new HoldReleased(HoldRelease.Withdrawn, null, at), released);
        Assert.True(held.PlacedHold.IsReleased);
        Assert.NotNull(held.PlacedHold.StandingAt(at - Duration.FromSeconds(1)));
        Assert.Null(held.PlacedHold.StandingAt(at));
    }

    [Fact]
    public void a_correction_releases_the_hold_with_the_credit()
    {
        var held = HeldDispute.Opened();

        var released = HeldDispute.Single<HoldReleased>(held.Correct(127.43m, Resolved));

        Assert.Equal(new HoldReleased(HoldRelease.Corrected, 127.43m, Resolved), released);
    }

    [Fact]
    public void an_explanation_keeps_the_amount_owed_until_the_end_of_its_due_date_then_releases_it()
    {
        var held = HeldDispute.Opened();

        var changed = HeldDispute.Single<HoldChanged>(held.Explain(127.43m, DueOn, Resolved));
        var hold = held.PlacedHold;

        Assert.Equal((127.43m, HoldChange.Explained, Resolved), (changed.Amount, changed.Why, changed.ChangedAt));
        Assert.Equal(HoldTerms.ForPaymentPeriod(DueOn, PeriodEnds), changed.Terms);
        Assert.True(changed.Terms is { CollectionForbidden: true, DelinquentReportForbidden: true, RestrictionForbidden: false, ReportAsInDisputeRequired: false });
        Assert.Equal(DeadlineInstants.BreachInstant(DueOn, NewYork), changed.Terms.Until);

        Assert.Empty(hold.LapsesDueBy(PeriodEnds - Duration.FromSeconds(1)));
        Assert.Equal(HoldStage.PaymentPeriod, hold.StandingAt(PeriodEnds - Duration.FromSeconds(1))!.Terms.Stage);
        Assert.Null(hold.StandingAt(PeriodEnds));
        Assert.Equal(new HoldReleased(HoldRelease.PaymentPeriodEnded, null, PeriodEnds), Assert.Single(hold.LapsesDueBy(PeriodEnds)));
    }

    [Fact]
    public void an_explanation_that_nothing_is_owed_releases_the_hold()
    {
        var held = HeldDispute.Opened();

        var released = HeldDispute.Single<HoldReleased>(held.Explain(0m, null, Resolved));

        Assert.Equal(HoldRelease.NothingOwed, released.Why);
    }

    [Fact]
    public void a_partial_correction_keeps_only_the_amount_still_owed()
    {
        var held = HeldDispute.Opened();

        var changed = HeldDispute.Single<HoldChanged>(held.CorrectPart(40m, 87.43m, DueOn, Resolved));

        Assert.Equal(87.43m, changed.Amount);
        Assert.Equal(HoldStage.PaymentPeriod, changed.Terms.Stage);
    }

    [Fact]
    public void finance_charges_after_an_explanation_do_not_change_the_amount_owed()
    {
        var held = HeldDispute.Opened();
        held.Explain(100m, DueOn, Resolved);

        Assert.Empty(held.FinanceCharges(3m, Resolved + Duration.FromDays(2)));
        Assert.Equal(100m, held.PlacedHold.Amount);
    }

    [Fact]
    public void a_reassertion_within_the_payment_period_lets_the_amount_be_reported_only_as_in_dispute_once_the_period_ends()
    {
        var held = HeldDispute.Opened();
        held.Explain(127.43m, DueOn, Resolved);
        var reopenedAt = Instant.FromUtc(2025, 4, 1, 15, 0);

        var changed = HeldDispute.Single<HoldChanged>(held.Reopen(reopenedAt));
        var lapse = Assert.IsType<HoldChanged>(Assert.Single(held.PlacedHold.LapsesDueBy(PeriodEnds)));

        Assert.Equal((HoldChange.ReassertedWithinPaymentPeriod, reopenedAt), (changed.Why, changed.ChangedAt));
        Assert.Equal(HoldTerms.ForReassertedPaymentPeriod(DueOn, PeriodEnds), changed.Terms);
        Assert.Equal(new HoldChanged(127.43m, HoldTerms.ReportingOnlyAsInDispute(DueOn), HoldChange.PaymentPeriodEnded, PeriodEnds), lapse);
        Assert.True(lapse.Terms is { CollectionForbidden: false, DelinquentReportForbidden: false, DelinquentReportOnlyAsInDispute: true, ReportAsInDisputeRequired: true });
        Assert.Equal(HoldStage.ReportOnlyAsInDispute, held.PlacedHold.StandingAt(PeriodEnds + Duration.FromDays(30))!.Terms.Stage);
    }

    [Fact]
    public void a_reassertion_after_the_payment_period_finds_the_hold_released_and_changes_nothing()
    {
        var held = HeldDispute.Opened();
        held.Explain(127.43m, DueOn, Resolved);

        var followed = held.Reopen(Instant.FromUtc(2025, 4, 20, 15, 0));

        Assert.Equal(new HoldReleased(HoldRelease.PaymentPeriodEnded, null, PeriodEnds), Assert.Single(followed));
        Assert.True(held.PlacedHold.IsReleased);
    }

    [Fact]
    public void a_reassertion_after_a_correction_places_no_new_hold()
    {
        var held = HeldDispute.Opened();
        held.Correct(127.43m, Resolved);

        Assert.Empty(held.Reopen(Instant.FromUtc(2025, 4, 1, 15, 0)));
    }

    [Fact]
    public void the_later_resolution_of_a_reasserted_amount_releases_the_hold()
    {
        var held = HeldDispute.Opened();
        held.Explain(127.43m, DueOn, Resolved);
        held.Reopen(Instant.FromUtc(2025, 4, 1, 15, 0));
        var later = Instant.FromUtc(2025, 5, 1, 15, 0);

        var followed = held.Correct(127.43m, later);

        // The payment period's end is recorded first, with its own instant.
        Assert.Equal(HoldChange.PaymentPeriodEnded, Assert.IsType<HoldChanged>(followed[0]).Why);
        Assert.Equal(new HoldReleased(HoldRelease.Corrected, 127.43m, later), followed[1]);
    }

    [Fact]
    public void a_withdrawal_releases_a_reasserted_hold_too()
    {
        var held = HeldDispute.Opened();
        held.Explain(127.43m, DueOn, Resolved);
        held.Reopen(Instant.FromUtc(2025, 4, 1, 15, 0));

        Assert.Equal(HoldRelease.Withdrawn, HeldDispute.Single<HoldReleased>(held.Withdraw(Instant.FromUtc(2025, 4, 2, 15, 0))).Why);
    }

    [Fact]
    public void events_that_are_not_about_the_hold_leave_it_alone()
    {
        var held = HeldDispute.Opened();
        var at = Instant.FromUtc(2025, 3, 5, 15, 0);

        Assert.Empty(held.Record([new AcknowledgmentSent(at), new ProvisionalCreditIssued(127.43m, at), new NoteAdded("Called the merchant", at)]));
    }

    [Fact]
    public void a_dispute_without_a_hold_gets_none_from_its_events()
    {
        var dispute = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3));

        Assert.Empty(FollowDispute.Decide(dispute, null, [new FinanceChargesRecorded(2m, Resolved), new DisputeWithdrawn(Resolved, null)]));
    }

    [Fact]
    public void a_released_hold_changes_no_more()
    {
        var held = HeldDispute.Opened();
        held.Withdraw(Resolved);
        var released = held.PlacedHold;

        Assert.Same(released, released.Evolve(new HoldChanged(1m, HoldTerms.WhilePending, HoldChange.FinanceChargesRecorded, Resolved)));
        Assert.Empty(released.LapsesDueBy(Resolved + Duration.FromDays(365)));
    }
}

using Disputes.Domain.BusinessDays;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>Rule book section 4: opening a protected dispute holds the disputed amount and its related charges from receipt.</summary>
public class when_a_protected_dispute_is_opened
{
    [Fact]
    public void the_hold_covers_the_disputed_amount_from_the_notices_receipt_and_forbids_what_1026_13_d_forbids()
    {
        var dispute = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3));

        var placed = HeldDispute.Single<HoldPlaced>(PlaceHold.Decide(dispute, null, BusinessDayCalendar.FederalReserve));

        Assert.Equal((127.43m, 0m, 127.43m, "USD"), (placed.DisputedAmount, placed.RelatedCharges, placed.Amount, placed.Currency));
        Assert.Equal(dispute.NoticeReceivedAt, placed.PlacedAt);
        Assert.Equal(HoldTerms.WhilePending, placed.Terms);
        Assert.True(placed.Terms is
        {
            Stage: HoldStage.Pending, CollectionForbidden: true, AutopayDeductionForbidden: true, DelinquentReportForbidden: true,
            ReportAsInDisputeRequired: true, RestrictionForbidden: true, DelinquentReportOnlyAsInDispute: false, Until: null,
        });
        Assert.Equal(AutopayExclusion.NotApplicable, placed.Autopay.Exclusion);
    }

    [Fact]
    public void the_autopay_decision_is_recorded_with_the_hold()
    {
        // Received Monday 03-03; payment Friday 03-07: cut-off Tuesday 03-04.
        var dispute = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3));

        var placed = HeldDispute.Single<HoldPlaced>(PlaceHold.Decide(dispute, new LocalDate(2025, 3, 7), BusinessDayCalendar.FederalReserve));

        Assert.Equal(new AutopayCutoff(AutopayExclusion.FromScheduledPayment, new LocalDate(2025, 3, 7), new LocalDate(2025, 3, 4), new LocalDate(2025, 3, 3)),
            placed.Autopay);
    }

    [Fact]
    public void a_late_notice_places_no_hold()
    {
        var late = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), statementDaysBefore: 90);

        Assert.Empty(PlaceHold.Decide(late, new LocalDate(2025, 3, 7), BusinessDayCalendar.FederalReserve));
    }

    [Fact]
    public void the_hold_replays_from_the_stream_among_the_disputes_own_events()
    {
        var dispute = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3));
        var placed = PlaceHold.Decide(dispute, null, BusinessDayCalendar.FederalReserve);

        var at = dispute.NoticeReceivedAt;

        var hold = BillingErrorHold.Replay([new AcknowledgmentSent(at), .. placed, new NoteAdded("Called the merchant", at)]);

        Assert.NotNull(hold);
        Assert.Equal(127.43m, hold.Amount);
        Assert.Null(BillingErrorHold.Replay([]));
    }
}

using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>Rule book section 8: what the acknowledgment of 1026.13(c)(1) says, and when a dispute cannot have one.</summary>
public class when_composing_an_acknowledgment
{
    [Fact]
    public void it_gives_the_receipt_date_the_item_the_case_the_card_ending_and_the_resolution_due_date()
    {
        var dispute = Letters.Open();

        var notice = AcknowledgmentNotice.For(dispute, Letters.Issuer, Letters.On(3, 10));

        Assert.Equal(NoticeKind.Acknowledgment, notice.Kind);
        Assert.Equal("Example Bank, N.A.", notice.IssuerName);
        Assert.Equal("DSP-2025-000001", notice.CaseNumber);
        Assert.Equal("1005", notice.CardEnding);
        Assert.Equal(dispute.Id, notice.DisputeId);
        Assert.Equal(new LocalDate(2025, 3, 3), notice.ReceivedOn);
        Assert.Equal(new DisputedItem("XYZ Store", 127.43m, "USD", new LocalDate(2025, 2, 11)), notice.Item);
        Assert.True(notice.FcbaProtected);
        Assert.Equal(new LocalDate(2025, 5, 15), notice.ResolutionDueOn);
        Assert.Equal(new LocalDate(2025, 3, 10), notice.SentOn);
    }

    [Fact]
    public void the_sent_date_is_the_date_in_the_accounts_zone_not_in_utc()
    {
        // 02:30 UTC on 03-11 is 22:30 on 03-10 in New York (EDT from 03-09).
        var notice = AcknowledgmentNotice.For(Letters.Open(), Letters.Issuer, Instant.FromUtc(2025, 3, 11, 2, 30));

        Assert.Equal(new LocalDate(2025, 3, 10), notice.SentOn);
        Assert.Equal("America/New_York", notice.TimeZoneId);
    }

    [Fact]
    public void the_related_charges_recorded_so_far_are_named_with_the_pending_rights()
    {
        var dispute = Letters.Open().Evolve(new FinanceChargesRecorded(2.10m, Letters.On(3, 5)));

        Assert.Equal(2.10m, AcknowledgmentNotice.For(dispute, Letters.Issuer, Letters.On(3, 10)).RelatedCharges);
    }

    [Fact]
    public void a_late_notice_is_acknowledged_without_a_resolution_date_or_the_pending_rights()
    {
        var late = Letters.Open(statementDaysBefore: 75);

        var notice = AcknowledgmentNotice.For(late, Letters.Issuer, Letters.On(3, 10));

        Assert.False(notice.FcbaProtected);
        Assert.Null(notice.ResolutionDueOn);
    }

    [Fact]
    public void a_second_acknowledgment_is_refused()
    {
        var acknowledged = Letters.Open().Evolve(new AcknowledgmentSent(Letters.On(3, 10)));

        var refused = Assert.Throws<DisputeRuleViolation>(() => AcknowledgmentNotice.For(acknowledged, Letters.Issuer, Letters.On(3, 11)));
        Assert.Contains("already sent on 2025-03-10", refused.Message);
    }

    [Fact]
    public void a_withdrawn_or_resolved_dispute_gets_no_acknowledgment()
    {
        var withdrawn = Letters.Open().Evolve(new DisputeWithdrawn(Letters.On(3, 5), null));
        var resolved = Letters.Open().Corrected(Letters.On(3, 20));

        Assert.Contains("withdrew", Assert.Throws<DisputeRuleViolation>(() => AcknowledgmentNotice.For(withdrawn, Letters.Issuer, Letters.On(3, 10))).Message);
        Assert.Contains("resolved", Assert.Throws<DisputeRuleViolation>(() => AcknowledgmentNotice.For(resolved, Letters.Issuer, Letters.On(3, 21))).Message);
    }

    [Fact]
    public void once_the_resolution_date_has_passed_the_acknowledgment_can_promise_none_and_is_refused()
    {
        var refused = Assert.Throws<DisputeRuleViolation>(() => AcknowledgmentNotice.For(Letters.Open(), Letters.Issuer, Letters.On(5, 16)));

        Assert.Contains("2025-05-15", refused.Message);
        Assert.Equal(new LocalDate(2025, 5, 15), AcknowledgmentNotice.For(Letters.Open(), Letters.Issuer, Letters.On(5, 15)).ResolutionDueOn);
    }

    [Fact]
    public void a_notice_cannot_be_sent_before_the_cardmembers_notice_was_received_nor_without_an_issuer_name()
    {
        var dispute = Letters.Open();

        Assert.Throws<ArgumentOutOfRangeException>(() => AcknowledgmentNotice.For(dispute, Letters.Issuer, dispute.NoticeReceivedAt - Duration.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => AcknowledgmentNotice.For(dispute, new NoticeIssuer(" "), Letters.On(3, 10)));
    }
}

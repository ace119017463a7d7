using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>Rule book sections 5 and 8: the correction and the explanation, and which of them a resolution issues.</summary>
public class when_composing_a_resolution_notice
{
    private static readonly LocalDate Due = new(2025, 4, 20);

    [Fact]
    public void a_correction_gives_the_amount_credited_and_its_date()
    {
        var notice = Assert.IsType<CorrectionNotice>(NoticeContent.ForResolution(Letters.Open().Corrected(Letters.On(3, 20)), Letters.Issuer, Letters.On(3, 20)));

        Assert.Equal(NoticeKind.Correction, notice.Kind);
        Assert.Equal(127.43m, notice.CreditedAmount);
        Assert.Equal(new LocalDate(2025, 3, 20), notice.CreditedOn);
        Assert.False(notice.Partial);
        Assert.Null(notice.Rest);
    }

    [Fact]
    public void a_partial_correction_also_explains_the_rest_with_the_amount_owed_and_its_due_date()
    {
        var notice = Assert.IsType<CorrectionNotice>(NoticeContent.ForResolution(Letters.Open().PartlyCorrected(Letters.On(3, 20), Due), Letters.Issuer, Letters.On(3, 20)));

        Assert.True(notice.Partial);
        Assert.Equal(27.43m, notice.CreditedAmount);
        Assert.Equal(127.43m, notice.DisputedWithCharges);
        Assert.Equal(new NoticeExplanation("You were charged twice; the second charge of $100.00 was for the replacement you ordered", null, 100m, Due, null), notice.Rest);
    }

    [Fact]
    public void an_explanation_gives_the_reasons_the_amount_owed_and_its_due_date()
    {
        var notice = Assert.IsType<ExplanationNotice>(NoticeContent.ForResolution(Letters.Open().ExplainedWithMoneyOwed(Letters.On(3, 20), Due), Letters.Issuer, Letters.On(3, 20)));

        Assert.Equal(NoticeKind.Explanation, notice.Kind);
        Assert.Equal(new LocalDate(2025, 3, 20), notice.ResolvedOn);
        Assert.Equal("The signed receipt matches your signature", notice.Explanation.Reasons);
        Assert.True(notice.Explanation.MoneyOwed);
        Assert.Equal(127.43m, notice.Explanation.AmountOwed);
        Assert.Equal(Due, notice.Explanation.PaymentDueOn);
        Assert.Null(notice.Explanation.Forfeited);
    }

    [Fact]
    public void an_explanation_with_nothing_owed_has_no_due_date()
    {
        var resolved = Letters.Open().Resolved(new ResolveDispute(ResolutionOutcome.NoError, null, "The charge was refunded by the merchant on 2025-03-01", 0m, null), Letters.On(3, 20));

        var notice = ExplanationNotice.For(resolved, Letters.Issuer, Letters.On(3, 20));

        Assert.False(notice.Explanation.MoneyOwed);
        Assert.Null(notice.Explanation.PaymentDueOn);
    }

    [Fact]
    public void after_a_missed_deadline_the_explanation_names_the_forfeiture()
    {
        // Resolved 04-10: the acknowledgment was due 04-02, so 50 of the 127.43 is forfeited.
        var resolved = Letters.Open().Resolved(new ResolveDispute(ResolutionOutcome.NoError, null, "Signed receipt", 77.43m, new LocalDate(2025, 5, 10)), Letters.On(4, 10));

        Assert.Equal(50m, ExplanationNotice.For(resolved, Letters.Issuer, Letters.On(4, 10)).Explanation.Forfeited);
    }

    [Fact]
    public void a_claim_of_goods_not_received_is_explained_only_with_how_delivery_was_established()
    {
        var resolved = Letters.Open(BillingErrorKind.NotReceived).ExplainedWithMoneyOwed(Letters.On(3, 20), Due);

        var refused = Assert.Throws<DisputeFieldViolation>(() => ExplanationNotice.For(resolved, Letters.Issuer, Letters.On(3, 20)));
        var notice = ExplanationNotice.For(resolved, Letters.Issuer, Letters.On(3, 20), "The carrier's record shows delivery to your door on 2025-02-13, signed for");

        Assert.Equal("deliveryEstablished", refused.Field);
        Assert.Equal("The carrier's record shows delivery to your door on 2025-02-13, signed for", notice.Explanation.DeliveryEstablished);
    }

    [Fact]
    public void the_wrong_notice_for_the_outcome_is_refused()
    {
        var corrected = Letters.Open().Corrected(Letters.On(3, 20));
        var partial = Letters.Open().PartlyCorrected(Letters.On(3, 20), Due);
        var explained = Letters.Open().ExplainedWithMoneyOwed(Letters.On(3, 20), Due);

        Assert.Contains("correction", Assert.Throws<DisputeRuleViolation>(() => ExplanationNotice.For(corrected, Letters.Issuer, Letters.On(3, 20))).Message);
        Assert.Contains("correction", Assert.Throws<DisputeRuleViolation>(() => ExplanationNotice.For(partial, Letters.Issuer, Letters.On(3, 20))).Message);
        Assert.Contains("explanation", Assert.Throws<DisputeRuleViolation>(() => CorrectionNotice.For(explained, Letters.Issuer, Letters.On(3, 20))).Message);
    }

    [Fact]
    public void a_dispute_not_resolved_or_withdrawn_has_no_resolution_notice()
    {
        var open = Letters.Open();
        var withdrawn = open.Evolve(new DisputeWithdrawn(Letters.On(3, 5), "Found it"));

        Assert.Contains("not resolved", Assert.Throws<DisputeRuleViolation>(() => CorrectionNotice.For(open, Letters.Issuer, Letters.On(3, 20))).Message);
        Assert.Contains("not resolved", Assert.Throws<DisputeRuleViolation>(() => NoticeContent.ForResolution(open, Letters.Issuer, Letters.On(3, 20))).Message);
        Assert.Contains("withdrew", Assert.Throws<DisputeRuleViolation>(() => ExplanationNotice.For(withdrawn, Letters.Issuer, Letters.On(3, 20))).Message);
    }
}

using Disputes.Domain.Disputes;

namespace Disputes.Domain.Notices;

/// <summary>The checks the notice kinds share, so each refuses in the same words.</summary>
internal static class NoticeRules
{
    /// <summary>The dispute's resolution; refuses a dispute that is not resolved (a reopened one still has its resolution).</summary>
    public static DisputeResolved ResolutionOf(Dispute dispute, string notice)
    {
        if (dispute.Status == DisputeStatus.Withdrawn)
        {
            throw new DisputeRuleViolation(DisputeRule.Withdrawn, $"Cannot issue {notice}: the cardmember withdrew this dispute.");
        }

        return dispute.Resolution ?? throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, $"Cannot issue {notice}: the dispute is not resolved.");
    }

    /// <summary>Free text for the letter, trimmed; refuses a blank value under <paramref name="field"/>.</summary>
    public static string Required(string? text, string field, string why) =>
        string.IsNullOrWhiteSpace(text) ? throw new DisputeFieldViolation(field, $"is required: {why}") : text.Trim();

    /// <summary>
    /// What the letter says about the rest of a resolution that is not credited in full (an explanation, or the part of a
    /// partial correction that stands).
    /// </summary>
    public static NoticeExplanation ExplanationOf(Dispute dispute, DisputeResolved resolution, string? deliveryEstablished)
    {
        var reasons = Required(resolution.Explanation, "explanation",
            "the notice says why the issuer believes the account is correct (1026.13(f)), and the resolution recorded no explanation.");
        string? delivery = null;
        if (dispute.Reason == BillingErrorKind.NotReceived)
        {
            delivery = Required(deliveryEstablished, "deliveryEstablished",
                "a claim that goods or services were not delivered may not be denied unless delivery is established, and the notice says how it was (1026.13(f)).");
        }

        var owed = resolution.AmountOwed ?? 0m;
        if (owed > 0 && resolution.PaymentDueOn is null)
        {
            throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, "Cannot issue the notice: money is owed but the resolution recorded no date it is due (1026.13(g)(1)).");
        }

        return new NoticeExplanation(reasons, delivery, owed, owed > 0 ? resolution.PaymentDueOn : null, resolution.ForfeitureApplied is > 0 ? resolution.ForfeitureApplied : null);
    }
}

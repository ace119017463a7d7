using System.Globalization;
using NodaTime;

namespace Disputes.Domain.Disputes.Resolving;

/// <summary>
/// Resolving a dispute under 1026.13(e) (error corrected), 1026.13(f) (no error, explanation sent) or 1026.13(f)(3) (part
/// corrected and credited, the rest explained).
/// </summary>
/// <param name="Outcome">Corrected or no error.</param>
/// <param name="CreditedAmount">Corrected: the amount credited, including related finance charges; more than 0.</param>
/// <param name="Explanation">No error: the written explanation sent to the cardmember; required.</param>
/// <param name="AmountOwed">No error: what the cardmember still owes; 0 or more, absent means 0.</param>
/// <param name="PaymentDueOn">
/// No error with money owed: the due date, at least max(10, the account's payment period) days after the resolution date.
/// </param>
public sealed record ResolveDispute(
    ResolutionOutcome Outcome,
    decimal? CreditedAmount,
    string? Explanation,
    decimal? AmountOwed,
    LocalDate? PaymentDueOn)
{
    /// <summary>1026.13(g)(1): the time usually allowed to pay, and never less than 10 days.</summary>
    public const int MinimumDaysToPay = 10;

    /// <summary>The events that resolving <paramref name="dispute"/> at <paramref name="now"/> records.</summary>
    /// <param name="dispute">The dispute as it stands.</param>
    /// <param name="now">When the resolution is decided.</param>
    /// <param name="letter">
    /// How the correction or explanation goes: by secure message it is sent now, and the resolution meets the clocks now; by
    /// post it joins the print queue, and the clocks wait for the mailing (<see cref="DisputeResolved.LetterByPost"/>).
    /// </param>
    /// <exception cref="DisputeRuleViolation">The dispute is already resolved or withdrawn.</exception>
    /// <exception cref="DisputeFieldViolation">
    /// Money is owed and the payment date is too early for the account's payment period, or the amount owed includes
    /// what a missed deadline forfeited.
    /// </exception>
    public IReadOnlyList<object> Decide(Dispute dispute, Instant now, Notices.DeliveryChannel letter = Notices.DeliveryChannel.SecureMessage)
    {
        dispute.EnsureActive("resolve");
        var breaches = dispute.BreachesDueBy(now);
        // A breach due by now counts as much as one already recorded.
        var forfeiture = breaches.Aggregate(dispute, (d, e) => d.Evolve(e)).ForfeitureExposure;
        if (Outcome != ResolutionOutcome.Corrected && AmountOwed > 0)
        {
            var days = Math.Max(MinimumDaysToPay, dispute.PaymentPeriodDays);
            var earliest = now.InZone(dispute.TimeZone).Date.PlusDays(days);
            if (PaymentDueOn is not { } due || due < earliest)
            {
                throw new DisputeFieldViolation("paymentDueOn",
                    $"must be on or after {earliest:yyyy-MM-dd}: the cardmember gets the account's payment period of " +
                    $"{dispute.PaymentPeriodDays} days and never fewer than {MinimumDaysToPay} (1026.13(g)(1)), so at least {days} days after resolution.");
            }

            var credited = Outcome == ResolutionOutcome.Partial ? CreditedAmount ?? 0m : 0m;
            if (forfeiture is { } forfeited && AmountOwed > dispute.Amount + dispute.FinanceCharges - forfeited - credited)
            {
                throw new DisputeFieldViolation("amountOwed", string.Create(CultureInfo.InvariantCulture,
                    $"may be at most {dispute.Amount + dispute.FinanceCharges - forfeited - credited:0.00}: a deadline was missed, so the " +
                    $"{forfeited:0.00} forfeited of the {dispute.Amount + dispute.FinanceCharges:0.00} disputed with its charges may not be collected (15 USC 1666(e))."));
            }
        }

        var byPost = letter == Notices.DeliveryChannel.Postal;
        var resolved = Outcome switch
        {
            ResolutionOutcome.Corrected => new DisputeResolved(Outcome, CreditedAmount, null, null, null, now, LetterByPost: byPost),
            ResolutionOutcome.Partial => new DisputeResolved(Outcome, CreditedAmount, Explanation, AmountOwed ?? 0m, AmountOwed > 0 ? PaymentDueOn : null, now, forfeiture, byPost),
            _ => new DisputeResolved(Outcome, null, Explanation, AmountOwed ?? 0m, AmountOwed > 0 ? PaymentDueOn : null, now, forfeiture, byPost),
        };
        return [.. breaches, resolved];
    }
}

using Disputes.Domain.BusinessDays;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Holds;

/// <summary>
/// Placing the billing-error hold of a newly opened dispute (1026.13(d); rule book section 4): a protected notice holds the
/// disputed amount and its related charges from the moment it was received.
/// </summary>
public static class PlaceHold
{
    /// <summary>
    /// The hold events that opening <paramref name="dispute"/> records: one <see cref="HoldPlaced"/> for a pending dispute whose
    /// notice met the filing window, none for a late (unprotected) notice.
    /// </summary>
    /// <param name="dispute">The dispute as its opening left it (<see cref="Dispute.Start"/>), or any later state while it is still pending.</param>
    /// <param name="nextAutopayOn">
    /// The account's next scheduled automatic payment date, account time, when the notice arrived; null when the account has
    /// no autopay.
    /// </param>
    /// <param name="businessDays">The issuer's business days, for the autopay cut-off.</param>
    /// <param name="processingZone">
    /// The issuer's processing time zone when the program sets one (<see cref="AutopayCutoff.Decide"/>); the one the dispute
    /// was opened with when not given.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="dispute"/> or <paramref name="businessDays"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The autopay cut-off falls in a year <paramref name="businessDays"/> does not list.</exception>
    public static IReadOnlyList<object> Decide(
        Dispute dispute, LocalDate? nextAutopayOn, BusinessDayCalendar businessDays, DateTimeZone? processingZone = null)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(businessDays);

        // A late notice is worked but not protected by 1026.13 (rule book section 1), and only a pending dispute holds anything.
        if (!dispute.FcbaProtected || dispute.Status is not (DisputeStatus.Open or DisputeStatus.Acknowledged))
        {
            return [];
        }

        processingZone ??= dispute.ProcessingTimeZoneId is { } id ? DateTimeZoneProviders.Tzdb[id] : null;
        var autopay = AutopayCutoff.Decide(nextAutopayOn, dispute.NoticeReceivedAt, dispute.TimeZone, businessDays, processingZone);
        return
        [
            new HoldPlaced(dispute.Amount, dispute.FinanceCharges, dispute.Amount + dispute.FinanceCharges, dispute.Currency,
                HoldTerms.WhilePending, autopay, dispute.NoticeReceivedAt),
        ];
    }
}

using Disputes.Domain.BusinessDays;
using NodaTime;

namespace Disputes.Domain.Holds;

/// <summary>Whether the issuer's automatic payment plan must leave a held amount out, and from which payment.</summary>
public enum AutopayExclusion
{
    /// <summary>The account has no scheduled automatic payment; nothing to leave out.</summary>
    NotApplicable,

    /// <summary>
    /// The notice arrived by the cut-off: the scheduled payment and every later deduction leave the held amount out
    /// (1026.13(d)(1)).
    /// </summary>
    FromScheduledPayment,

    /// <summary>
    /// The notice arrived after the cut-off: the scheduled payment may still take the held amount (comment 13(d)(1)-3),
    /// and every later deduction leaves it out.
    /// </summary>
    FromLaterPayments,
}

/// <summary>
/// The autopay cut-off of 1026.13(d)(1) (rule book section 4): the issuer's automatic payment plan may not deduct the disputed
/// amount or its related charges when the notice arrived up to 3 business days before the scheduled payment date, that
/// is by the end of the third business day before it (payment on Friday 2025-03-14: received by the end of Tuesday 03-11).
/// </summary>
/// <param name="Exclusion">Whether, and from which payment, the held amount is left out.</param>
/// <param name="ScheduledOn">The account's next scheduled automatic payment when the notice arrived; null without autopay.</param>
/// <param name="CutoffOn">The last day, account time, on which the notice had to arrive for <paramref name="ScheduledOn"/> to leave it out.</param>
/// <param name="ReceivedOn">The notice's receipt date, account time (or processing time, when that is earlier).</param>
public sealed record AutopayCutoff(AutopayExclusion Exclusion, LocalDate? ScheduledOn, LocalDate? CutoffOn, LocalDate ReceivedOn)
{
    /// <summary>How many business days before the scheduled payment the notice must arrive (1026.13(d)(1)).</summary>
    public const int BusinessDaysBeforePayment = 3;

    /// <summary>
    /// Decides the cut-off for a notice received at <paramref name="receivedAt"/> on an account whose next automatic
    /// payment is scheduled on <paramref name="scheduledOn"/>.
    /// </summary>
    /// <param name="scheduledOn">
    /// The account's next scheduled automatic payment date, account time; null when the account has no autopay. A date
    /// before the receipt is a payment already made, so the notice missed its cut-off and every later deduction leaves the
    /// amount out.
    /// </param>
    /// <param name="receivedAt">When the issuer received the notice.</param>
    /// <param name="zone">The account's time zone, in which the days are counted.</param>
    /// <param name="businessDays">The issuer's business days.</param>
    /// <param name="processingZone">
    /// The issuer's processing time zone when the program sets one: the notice is in time when it is in time in either zone
    /// (rule book, "Dates and time zones"), so the earlier of the two receipt dates counts.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> or <paramref name="businessDays"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cut-off falls in a year <paramref name="businessDays"/> does not list.</exception>
    public static AutopayCutoff Decide(
        LocalDate? scheduledOn, Instant receivedAt, DateTimeZone zone, BusinessDayCalendar businessDays, DateTimeZone? processingZone = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(businessDays);
        var receivedOn = receivedAt.InZone(zone).Date;
        if (processingZone is not null && receivedAt.InZone(processingZone).Date < receivedOn)
        {
            receivedOn = receivedAt.InZone(processingZone).Date;
        }
        if (scheduledOn is not { } payment)
        {
            return new AutopayCutoff(AutopayExclusion.NotApplicable, null, null, receivedOn);
        }

        var cutoff = businessDays.BusinessDaysBefore(payment, BusinessDaysBeforePayment);
        var exclusion = receivedOn <= cutoff ? AutopayExclusion.FromScheduledPayment : AutopayExclusion.FromLaterPayments;
        return new AutopayCutoff(exclusion, payment, cutoff, receivedOn);
    }

    /// <summary>
    /// True when an automatic deduction made on <paramref name="debitedOn"/> (account time) may take the held amount: it is
    /// the scheduled payment, on or before its date, and the notice missed that payment's cut-off.
    /// </summary>
    public bool MayTakeHeldAmountOn(LocalDate debitedOn) =>
        Exclusion == AutopayExclusion.FromLaterPayments && ScheduledOn is { } payment && debitedOn <= payment;
}

using NodaTime;

namespace Disputes.Domain.Holds;

/// <summary>
/// What a billing-error hold forbids and requires while it stands at one stage; what the card processor, the collections
/// system and the credit-bureau furnisher are told. Every hold event carries the terms it leaves in force, so the stream
/// alone says what was forbidden when.
/// </summary>
/// <param name="Stage">The hold's stage.</param>
/// <param name="CollectionForbidden">
/// Trying to collect the held amount is forbidden (1026.13(d)(1) while pending; the amount owed is not due before the end of
/// <paramref name="PaymentDueOn"/>, 1026.13(g)(1)-(2)). Undisputed balances are not held.
/// </param>
/// <param name="AutopayDeductionForbidden">
/// The issuer's automatic payment plan may not deduct the held amount (1026.13(d)(1), comments 13(d)(1)-3 and -4): while
/// pending, except from a scheduled payment whose cut-off the notice missed (<see cref="AutopayCutoff"/>); in a payment
/// period, before <paramref name="PaymentDueOn"/>.
/// </param>
/// <param name="DelinquentReportForbidden">
/// Reporting the held amount as delinquent, or adversely, or threatening to, is forbidden, whether or not the report also says
/// it is in dispute (1026.13(d)(2), (g)(3); 15 USC 1666a(a)).
/// </param>
/// <param name="DelinquentReportOnlyAsInDispute">
/// The held amount may be reported as delinquent only by a report that also says it is in dispute (1026.13(g)(4)).
/// </param>
/// <param name="ReportAsInDisputeRequired">A furnisher reporting the held amount reports it as in dispute (FCRA 15 USC 1681s-2(a)(3)).</param>
/// <param name="RestrictionForbidden">
/// Closing, restricting or accelerating the account solely because the cardmember used the right is forbidden (15 USC 1666(d));
/// the held amount may still count against the credit limit.
/// </param>
/// <param name="PaymentDueOn">In a payment period: the date the amount owed is due, in the account's time zone.</param>
/// <param name="Until">
/// When these terms end by themselves: the start of the day after <paramref name="PaymentDueOn"/>, account time; null while
/// they last until an event of the dispute changes them.
/// </param>
public sealed record HoldTerms(
    HoldStage Stage,
    bool CollectionForbidden,
    bool AutopayDeductionForbidden,
    bool DelinquentReportForbidden,
    bool DelinquentReportOnlyAsInDispute,
    bool ReportAsInDisputeRequired,
    bool RestrictionForbidden,
    LocalDate? PaymentDueOn,
    Instant? Until)
{
    /// <summary>The terms while the dispute is pending (1026.13(d); 15 USC 1666(d), 1666a(a)).</summary>
    public static HoldTerms WhilePending { get; } = new(HoldStage.Pending, true, true, true, false, true, true, null, null);

    /// <summary>
    /// The terms of the payment period an explanation gives (1026.13(g)(1)-(3)): the amount owed is not collected or
    /// reported as delinquent before it is due.
    /// </summary>
    /// <param name="dueOn">The date the amount owed is due.</param>
    /// <param name="endsAt">The start of the day after <paramref name="dueOn"/>, account time.</param>
    public static HoldTerms ForPaymentPeriod(LocalDate dueOn, Instant endsAt) =>
        new(HoldStage.PaymentPeriod, true, true, true, false, false, false, dueOn, endsAt);

    /// <summary>
    /// The terms after the amount owed was disputed again within its payment period (1026.13(g)(4)): the payment period runs
    /// on, and what is reported about the amount says it is in dispute.
    /// </summary>
    /// <param name="dueOn">The date the amount owed is due.</param>
    /// <param name="endsAt">The start of the day after <paramref name="dueOn"/>, account time.</param>
    public static HoldTerms ForReassertedPaymentPeriod(LocalDate dueOn, Instant endsAt) =>
        new(HoldStage.PaymentPeriodReasserted, true, true, true, false, true, false, dueOn, endsAt);

    /// <summary>
    /// The terms once the payment period of a reasserted amount has passed (1026.13(g)(4)): it may be collected, and reported
    /// as delinquent only as in dispute.
    /// </summary>
    /// <param name="dueOn">The date the amount owed was due.</param>
    public static HoldTerms ReportingOnlyAsInDispute(LocalDate? dueOn) =>
        new(HoldStage.ReportOnlyAsInDispute, false, false, false, true, true, false, dueOn, null);
}

using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using NodaTime;

namespace Disputes.Api.Holds;

/// <summary>
/// A dispute's billing-error hold as the agent API shows it: what the card processor, collections and the credit-bureau
/// furnisher must not do with the disputed amount while the dispute is pending (rule book section 4).
/// </summary>
/// <param name="Stage">
/// <c>pending</c> while the dispute is; <c>payment_period</c> after an explanation until the amount owed is due;
/// <c>payment_period_reasserted</c> when the cardmember disputed it again within that period; <c>report_only_as_in_dispute</c> after it.
/// </param>
/// <param name="Released">True once the hold ended.</param>
/// <param name="Amount">What is held, in <paramref name="Currency"/>: the disputed amount and its related charges, or after an explanation the amount owed.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="PlacedAt">When it took effect: the notice's receipt.</param>
/// <param name="Forbids">What may not be done with the amount: <c>collection</c>, <c>autopay_deduction</c>, <c>delinquent_report</c>, <c>restriction</c>.</param>
/// <param name="Requires">What must be done: <c>report_as_in_dispute</c>; <c>delinquent_report_only_as_in_dispute</c> after a reassertion's payment period.</param>
/// <param name="PaymentDueOn">After an explanation: when the amount owed is due (account's zone).</param>
/// <param name="Until">When the current terms end on their own: the end of the payment period.</param>
/// <param name="Autopay">Whether the issuer's autopay must leave the amount out, decided by the three-business-day cut-off.</param>
/// <param name="ReleasedAt">When it was released.</param>
/// <param name="ReleasedBecause"><c>withdrawn</c>, <c>corrected</c>, <c>nothing_owed</c> or <c>payment_period_ended</c>.</param>
/// <param name="Violations">Activity the hold forbade when it happened, oldest first, each with the duty broken.</param>
public sealed record HoldResponse(
    HoldStage Stage, bool Released, decimal Amount, string Currency, Instant PlacedAt, IReadOnlyList<string> Forbids,
    IReadOnlyList<string> Requires, LocalDate? PaymentDueOn, Instant? Until, AutopayResponse Autopay, Instant? ReleasedAt,
    HoldRelease? ReleasedBecause, IReadOnlyList<HoldViolationResponse> Violations)
{
    /// <summary>The response for <paramref name="hold"/>, or null when the dispute holds nothing.</summary>
    public static HoldResponse? From(BillingErrorHold? hold) => hold is null ? null : new(
        hold.Terms.Stage, hold.IsReleased, hold.Amount, hold.Currency, hold.PlacedAt,
        hold.IsReleased ? [] : Forbidden(hold.Terms), hold.IsReleased ? [] : Required(hold.Terms),
        hold.Terms.PaymentDueOn, hold.IsReleased ? null : hold.Terms.Until,
        new AutopayResponse(hold.Autopay.Exclusion, hold.Autopay.ScheduledOn, hold.Autopay.CutoffOn),
        hold.ReleasedAt, hold.ReleasedBecause,
        hold.Violations.Select(v => new HoldViolationResponse(v.Activity.Kind, v.Activity.At, v.Activity.Amount, v.Rule, v.Why, v.ForfeitureExposure, v.RecordedAt)).ToList());

    private static List<string> Forbidden(HoldTerms terms) =>
    [
        .. terms.CollectionForbidden ? ["collection"] : Array.Empty<string>(),
        .. terms.AutopayDeductionForbidden ? ["autopay_deduction"] : Array.Empty<string>(),
        .. terms.DelinquentReportForbidden ? ["delinquent_report"] : Array.Empty<string>(),
        .. terms.RestrictionForbidden ? ["restriction"] : Array.Empty<string>(),
    ];

    private static List<string> Required(HoldTerms terms) =>
    [
        .. terms.ReportAsInDisputeRequired ? ["report_as_in_dispute"] : Array.Empty<string>(),
        .. terms.DelinquentReportOnlyAsInDispute ? ["delinquent_report_only_as_in_dispute"] : Array.Empty<string>(),
    ];
}

/// <summary>The autopay cut-off of a hold.</summary>
/// <param name="Exclusion">
/// <c>not_applicable</c> (no autopay), <c>from_scheduled_payment</c> (the next autopay must leave the amount out) or
/// <c>from_later_payments</c> (the notice came after the cut-off: the next autopay may take it, later ones may not).
/// </param>
/// <param name="ScheduledOn">The autopay date the cut-off was decided against.</param>
/// <param name="CutoffOn">The last day a notice could arrive to keep the amount out of that payment: three business days before it.</param>
public sealed record AutopayResponse(AutopayExclusion Exclusion, LocalDate? ScheduledOn, LocalDate? CutoffOn);

/// <summary>Activity a hold forbade, with the forfeiture it put at stake.</summary>
/// <param name="Kind">What was done: <c>collection_attempt</c>, <c>autopay_debit</c>, <c>bureau_report</c>, <c>account_restriction</c>.</param>
/// <param name="At">When it was done.</param>
/// <param name="Amount">The amount involved, when reported.</param>
/// <param name="Rule">The duty broken, e.g. <c>12 CFR 1026.13(d)(1)</c>.</param>
/// <param name="Why">What was forbidden, with the figures.</param>
/// <param name="ForfeitureExposure">What the issuer forfeits on the dispute (counted once per dispute).</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record HoldViolationResponse(
    ActivityKind Kind, Instant At, decimal? Amount, string Rule, string Why, decimal ForfeitureExposure, Instant RecordedAt);

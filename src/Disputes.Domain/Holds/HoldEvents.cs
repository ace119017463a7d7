using Disputes.Domain.Holds.Activity;
using NodaTime;

namespace Disputes.Domain.Holds;

/// <summary>
/// A protected dispute put a billing-error hold on the disputed amount and its related charges (1026.13(d)). Recorded on the
/// dispute's stream; the hold stands from the notice's receipt, not from when it was keyed in.
/// </summary>
/// <param name="DisputedAmount">The disputed amount, in <paramref name="Currency"/>.</param>
/// <param name="RelatedCharges">The related finance or other charges recorded on the dispute so far (0 at intake).</param>
/// <param name="Amount">What is held: <paramref name="DisputedAmount"/> plus <paramref name="RelatedCharges"/>.</param>
/// <param name="Currency">ISO 4217 code of the amounts: the billing currency, USD.</param>
/// <param name="Terms">What the hold forbids and requires.</param>
/// <param name="Autopay">Whether the issuer's autopay must leave the held amount out, decided by the 3-business-day cut-off.</param>
/// <param name="PlacedAt">When the hold took effect: the instant the notice was received.</param>
public sealed record HoldPlaced(
    decimal DisputedAmount,
    decimal RelatedCharges,
    decimal Amount,
    string Currency,
    HoldTerms Terms,
    AutopayCutoff Autopay,
    Instant PlacedAt);

/// <summary>A billing-error hold's amount or terms changed.</summary>
/// <param name="Amount">What is held from now on, in the dispute's currency.</param>
/// <param name="Terms">What the hold forbids and requires from now on.</param>
/// <param name="Why">What changed it.</param>
/// <param name="ChangedAt">When: the instant of the dispute's event, or the end of the payment period.</param>
public sealed record HoldChanged(decimal Amount, HoldTerms Terms, HoldChange Why, Instant ChangedAt);

/// <summary>A billing-error hold ended; nothing about the dispute's amount is forbidden from now on.</summary>
/// <param name="Why">What ended it.</param>
/// <param name="Credited">For a correction: the amount credited, related charges included.</param>
/// <param name="ReleasedAt">When: the instant of the dispute's event, or the end of the payment period.</param>
public sealed record HoldReleased(HoldRelease Why, decimal? Credited, Instant ReleasedAt);

/// <summary>
/// Activity on the account that the hold forbade at the time it happened: a violation of 15 USC 1666 or 1666a, with the
/// forfeiture of 1666(e) (rule book section 6), counted once per dispute.
/// </summary>
/// <param name="Activity">What the reporting system said it did.</param>
/// <param name="Stage">The hold's stage when the activity happened.</param>
/// <param name="HeldAmount">What the hold held when the activity happened.</param>
/// <param name="Rule">The duty broken, e.g. <c>12 CFR 1026.13(d)(1)</c>.</param>
/// <param name="Why">One English sentence saying what was forbidden, with the figures.</param>
/// <param name="ForfeitureExposure">min(disputed amount + related charges recorded, 50), in the dispute's currency.</param>
/// <param name="ForfeitureAlreadyCounted">
/// True when a missed deadline or an earlier violation had already put the forfeiture at stake: the dispute's exposure stays
/// <paramref name="ForfeitureExposure"/>, not a second one.
/// </param>
/// <param name="RecordedAt">When the violation was recorded.</param>
public sealed record HoldViolated(
    AccountActivity Activity,
    HoldStage Stage,
    decimal HeldAmount,
    string Rule,
    string Why,
    decimal ForfeitureExposure,
    bool ForfeitureAlreadyCounted,
    Instant RecordedAt);

/// <summary>Activity on the account that no hold of the dispute forbade when it happened, recorded as allowed.</summary>
/// <param name="Activity">What the reporting system said it did.</param>
/// <param name="Stage">The hold's stage when the activity happened; null when no hold stood then.</param>
/// <param name="Why">One English sentence saying why it was allowed.</param>
/// <param name="NoticeOfReportingOwed">
/// True for a delinquency report made as in dispute after a reassertion within the payment period: the cardmember must be told
/// the name and address of the party reported to, and that party later the resolution (1026.13(g)(4)).
/// </param>
/// <param name="RecordedAt">When the activity was recorded.</param>
public sealed record AllowedActivityRecorded(
    AccountActivity Activity,
    HoldStage? Stage,
    string Why,
    bool NoticeOfReportingOwed,
    Instant RecordedAt);

/// <summary>What changed a billing-error hold.</summary>
public enum HoldChange
{
    /// <summary>Related finance or other charges were recorded while the dispute was pending; the hold grew by them.</summary>
    FinanceChargesRecorded,

    /// <summary>An explanation (or a partial correction) said money is owed: the hold keeps the amount owed until its due date.</summary>
    Explained,

    /// <summary>The cardmember disputed the amount owed again within the payment period (1026.13(g)(4)).</summary>
    ReassertedWithinPaymentPeriod,

    /// <summary>The payment period of a reasserted amount passed; it may now be reported only as in dispute.</summary>
    PaymentPeriodEnded,
}

/// <summary>What ended a billing-error hold.</summary>
public enum HoldRelease
{
    /// <summary>The cardmember withdrew the notice (comment 13(b)-1); released at once.</summary>
    Withdrawn,

    /// <summary>The error was corrected and credited (1026.13(e)); released with the credit.</summary>
    Corrected,

    /// <summary>An explanation said nothing is owed.</summary>
    NothingOwed,

    /// <summary>The payment period after an explanation passed (1026.13(g)(3)): the amount owed is due and may be reported if unpaid.</summary>
    PaymentPeriodEnded,
}

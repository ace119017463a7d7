using Disputes.Domain.Disputes;
using Disputes.Domain.Holds.Activity;
using NodaTime;
using static System.FormattableString;

namespace Disputes.Domain.Holds;

/// <summary>
/// The hold events as steps of a dispute's history and instants of business time, for <see cref="DisputeStep.For"/> and
/// <see cref="DisputeEventTime.Of"/> to hand on to once the hold events share the dispute's stream.
/// </summary>
public static class HoldSteps
{
    /// <summary>The step a hold event records; null for any other event.</summary>
    public static DisputeStep? For(object @event, long version) => @event switch
    {
        HoldPlaced e => new(version, "hold_placed", e.PlacedAt, Invariant(
            $"Billing-error hold placed on {e.Amount:0.00} {e.Currency}: no collection, no delinquent report, no restriction for using the right; report it as in dispute. {Autopay(e.Autopay)}")),
        HoldChanged { Why: HoldChange.FinanceChargesRecorded } e => new(version, "hold_changed", e.ChangedAt,
            Invariant($"Billing-error hold raised to {e.Amount:0.00} by related finance charges.")),
        HoldChanged { Why: HoldChange.Explained } e => new(version, "hold_changed", e.ChangedAt,
            Invariant($"Billing-error hold now keeps the {e.Amount:0.00} owed: not collected or reported as delinquent before it is due on {e.Terms.PaymentDueOn:yyyy-MM-dd}.")),
        HoldChanged { Why: HoldChange.ReassertedWithinPaymentPeriod } e => new(version, "hold_changed", e.ChangedAt,
            Invariant($"Amount owed disputed again within the payment period: after {e.Terms.PaymentDueOn:yyyy-MM-dd} it may be reported as delinquent only as in dispute.")),
        HoldChanged e => new(version, "hold_changed", e.ChangedAt,
            Invariant($"Payment period over: the {e.Amount:0.00} may be reported as delinquent only as in dispute, naming each party reported to.")),
        HoldReleased { Why: HoldRelease.Corrected } e => new(version, "hold_released", e.ReleasedAt,
            Invariant($"Billing-error hold released with the correction; {e.Credited:0.00} credited.")),
        HoldReleased e => new(version, "hold_released", e.ReleasedAt, e.Why switch
        {
            HoldRelease.Withdrawn => "Billing-error hold released: the cardmember withdrew the dispute.",
            HoldRelease.NothingOwed => "Billing-error hold released: the explanation says nothing is owed.",
            _ => "Billing-error hold released: the payment period has passed.",
        }),
        HoldViolated e => new(version, "hold_violated", e.RecordedAt, Invariant(
            $"Hold violated ({Kind(e.Activity.Kind)} at {e.Activity.At}): {e.Why} Forfeiture exposure {e.ForfeitureExposure:0.00}{(e.ForfeitureAlreadyCounted ? ", already counted" : "")}.")),
        AllowedActivityRecorded e => new(version, "allowed_activity_recorded", e.RecordedAt,
            Invariant($"Allowed {Kind(e.Activity.Kind)} at {e.Activity.At}: {e.Why}")),
        _ => null,
    };

    /// <summary>
    /// The business instant of a hold event: when the hold took effect, changed or ended, or when the activity was recorded;
    /// null for any other event.
    /// </summary>
    public static Instant? TimeOf(object @event) => @event switch
    {
        HoldPlaced e => e.PlacedAt,
        HoldChanged e => e.ChangedAt,
        HoldReleased e => e.ReleasedAt,
        HoldViolated e => e.RecordedAt,
        AllowedActivityRecorded e => e.RecordedAt,
        _ => null,
    };

    private static string Autopay(AutopayCutoff autopay) => autopay.Exclusion switch
    {
        AutopayExclusion.FromScheduledPayment => Invariant($"Autopay leaves it out from the payment of {autopay.ScheduledOn:yyyy-MM-dd} on."),
        AutopayExclusion.FromLaterPayments => Invariant($"Autopay may take it on {autopay.ScheduledOn:yyyy-MM-dd} (notice after the cut-off of {autopay.CutoffOn:yyyy-MM-dd}), and leaves it out after."),
        _ => "No autopay on the account.",
    };

    private static string Kind(ActivityKind kind) => kind switch
    {
        ActivityKind.CollectionAttempt => "collection attempt",
        ActivityKind.AutopayDebit => "autopay debit",
        ActivityKind.BureauReport => "bureau report",
        _ => "account restriction",
    };
}

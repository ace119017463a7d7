using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using NodaTime;
using static System.FormattableString;

namespace Disputes.Domain.Holds.Activity;

/// <summary>
/// Judging what a system reports it did on an account against one dispute's billing-error hold as it stood when it happened
/// (rule book sections 4 and 6): forbidden activity is a violation with the forfeiture of 15 USC 1666(e), counted once per
/// dispute; anything else is recorded as allowed, with the reason.
/// </summary>
public static class JudgeActivity
{
    /// <summary>
    /// The events that reporting <paramref name="activity"/> records on <paramref name="dispute"/> at <paramref name="now"/>:
    /// the deadline breaches and hold lapses due by now (so the forfeiture is counted once however they are recorded), then one
    /// <see cref="HoldViolated"/> or <see cref="AllowedActivityRecorded"/>. Reporting the same activity twice is the caller's to
    /// refuse (its idempotency key); judged again, it is judged the same way.
    /// </summary>
    /// <param name="activity">What was reported.</param>
    /// <param name="dispute">The dispute on the account whose hold is judged.</param>
    /// <param name="hold">The dispute's hold; null when it has none (a late notice), so everything is allowed.</param>
    /// <param name="now">When the report is recorded.</param>
    /// <param name="heldByOtherDisputes">
    /// What the account's other disputes held when the activity happened (<see cref="BillingErrorHold.StandingAt"/>): a
    /// collection or an autopay debit must leave all of them out of the balance it draws on.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> or <paramref name="dispute"/> is null.</exception>
    /// <exception cref="DisputeFieldViolation">A bureau report without a status, or a negative amount or balance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="heldByOtherDisputes"/> is negative.</exception>
    public static IReadOnlyList<object> Decide(
        AccountActivity activity, Dispute dispute, BillingErrorHold? hold, Instant now, decimal heldByOtherDisputes = 0m)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(dispute);
        EnsureWellFormed(activity, heldByOtherDisputes);

        var breaches = dispute.BreachesDueBy(now);
        var lapses = hold?.LapsesDueBy(now) ?? [];
        dispute = breaches.Aggregate(dispute, (d, e) => d.Evolve(e));
        hold = lapses.Aggregate(hold, (h, e) => h!.Evolve(e));

        var standing = hold?.StandingAt(activity.At);
        var judged = standing is null
            ? new AllowedActivityRecorded(activity, null, Invariant($"No billing-error hold of {dispute.CaseNumber} stood when this happened."), false, now)
            : Judge(activity, dispute, hold!, standing, heldByOtherDisputes, now);
        return [.. breaches, .. lapses, judged];
    }

    private static object Judge(
        AccountActivity activity, Dispute dispute, BillingErrorHold hold, HoldPeriod standing, decimal heldByOthers, Instant now)
    {
        var terms = standing.Terms;
        var pending = terms.Stage == HoldStage.Pending;
        object Allowed(string why, bool noticeOfReportingOwed = false) =>
            new AllowedActivityRecorded(activity, terms.Stage, why, noticeOfReportingOwed, now);
        object Violated(string rule, string why) => new HoldViolated(activity, terms.Stage, standing.Amount, rule, why,
            Forfeiture.Exposure(dispute.Amount, dispute.FinanceCharges), Noncompliance.IsAtStake(dispute, hold), now);

        switch (activity.Kind)
        {
            case ActivityKind.CollectionAttempt when !terms.CollectionForbidden:
                return Allowed("The payment period has passed, so the amount owed may be collected (1026.13(g)).");
            case ActivityKind.CollectionAttempt:
                return DrawsOnHeldAmount(activity, standing.Amount + heldByOthers) is { } collected
                    ? Violated(pending ? "12 CFR 1026.13(d)(1)" : "12 CFR 1026.13(g)(2)", pending
                        ? Invariant($"A collection attempt while the dispute was pending {collected}; the disputed amount and its related charges may not be collected.")
                        : Invariant($"A collection attempt before the amount owed was due on {terms.PaymentDueOn:yyyy-MM-dd} {collected}."))
                    : Allowed(LeftOut(activity, standing.Amount + heldByOthers, "sought"));

            case ActivityKind.AutopayDebit when !terms.AutopayDeductionForbidden:
                return Allowed("The payment period has passed, so autopay may take the amount owed (1026.13(g)).");
            case ActivityKind.AutopayDebit:
                var debitedOn = activity.At.InZone(dispute.TimeZone).Date;
                if (pending && hold.Autopay.MayTakeHeldAmountOn(debitedOn))
                {
                    return Allowed(Invariant(
                        $"The notice arrived on {hold.Autopay.ReceivedOn:yyyy-MM-dd}, after the cut-off of {hold.Autopay.CutoffOn:yyyy-MM-dd} for the payment scheduled on {hold.Autopay.ScheduledOn:yyyy-MM-dd}, which may still take it (comment 13(d)(1)-3); later deductions may not."));
                }

                if (!pending && terms.PaymentDueOn is { } due && debitedOn >= due)
                {
                    return Allowed(Invariant($"Autopay paid the amount owed on its due date, {due:yyyy-MM-dd}."));
                }

                return DrawsOnHeldAmount(activity, standing.Amount + heldByOthers) is { } debited
                    ? Violated(pending ? "12 CFR 1026.13(d)(1); comment 13(d)(1)-3" : "12 CFR 1026.13(g)(2)", pending
                        ? Invariant($"An autopay debit on {debitedOn:yyyy-MM-dd} {debited}; the issuer's autopay must leave the disputed amount and its related charges out.")
                        : Invariant($"An autopay debit on {debitedOn:yyyy-MM-dd}, before the amount owed was due on {terms.PaymentDueOn:yyyy-MM-dd}, {debited}."))
                    : Allowed(LeftOut(activity, standing.Amount + heldByOthers, "took"));

            case ActivityKind.BureauReport:
                return activity.ReportedStatus switch
                {
                    CreditReportStatus.Delinquent or CreditReportStatus.DelinquentInDispute when HasOtherCause(activity) =>
                        Allowed("The reporting system gave a cause other than the disputed amount for the delinquency."),
                    CreditReportStatus.Delinquent or CreditReportStatus.DelinquentInDispute when terms.DelinquentReportForbidden => pending
                        ? Violated("12 CFR 1026.13(d)(2); 15 USC 1666a(a)",
                            "A report of the disputed amount as delinquent while the dispute was pending; no adverse report may be made until the dispute is resolved and the payment period has passed.")
                        : Violated("12 CFR 1026.13(g)(3); 15 USC 1666a(a)",
                            Invariant($"A report of the amount owed as delinquent before it was due on {terms.PaymentDueOn:yyyy-MM-dd}.")),
                    CreditReportStatus.Delinquent when terms.DelinquentReportOnlyAsInDispute =>
                        Violated("12 CFR 1026.13(g)(4)",
                            "A report of the amount as delinquent without saying it is in dispute, after the cardmember disputed it again within the payment period."),
                    CreditReportStatus.DelinquentInDispute => Allowed(
                        "Reported as delinquent and in dispute, as 1026.13(g)(4) allows; the cardmember must be told the name and address of the party reported to.",
                        noticeOfReportingOwed: terms.DelinquentReportOnlyAsInDispute),
                    CreditReportStatus.InDispute => Allowed("Reported as in dispute, as required."),
                    _ when terms.ReportAsInDisputeRequired =>
                        Allowed("A current report is not adverse, so it breaks no duty of 1666 or 1666a; the furnisher should still report the amount as in dispute (15 USC 1681s-2(a)(3))."),
                    _ => Allowed("A current report is not adverse."),
                };

            case ActivityKind.AccountRestriction when !terms.RestrictionForbidden:
                return Allowed("The dispute is no longer pending, so 15 USC 1666(d) no longer bars restricting the account for it.");
            case ActivityKind.AccountRestriction when HasOtherCause(activity):
                return Allowed("The reporting system gave a cause other than the dispute for the restriction.");
            case ActivityKind.AccountRestriction:
                return Violated("15 USC 1666(d)",
                    "The account was restricted while the dispute was pending with no cause given but the dispute; it may not be closed, restricted or accelerated for using the right.");

            default:
                throw new ArgumentOutOfRangeException(nameof(activity), activity.Kind, "Unknown kind of account activity.");
        }
    }

    // Null when the activity left every held amount out of the balance it drew on; otherwise how it reached them. Without
    // the amount or the balance the service cannot see that it left them out, so it takes the cautious reading.
    private static string? DrawsOnHeldAmount(AccountActivity activity, decimal held)
    {
        if (activity is not { Amount: { } amount, BalanceBefore: { } balance })
        {
            return Invariant($"gave no amount and balance, so nothing shows it left the {held:0.00} held out");
        }

        var free = Math.Max(0m, balance - held);
        return amount > free
            ? Invariant($"drew {amount:0.00} on a balance of {balance:0.00}, of which only {free:0.00} is not held")
            : null;
    }

    private static string LeftOut(AccountActivity activity, decimal held, string verb) =>
        Invariant($"It {verb} {activity.Amount:0.00} of a balance of {activity.BalanceBefore:0.00}, leaving the {held:0.00} held out.");

    private static bool HasOtherCause(AccountActivity activity) => !string.IsNullOrWhiteSpace(activity.StatedCause);

    private static void EnsureWellFormed(AccountActivity activity, decimal heldByOtherDisputes)
    {
        if (activity.Kind == ActivityKind.BureauReport && activity.ReportedStatus is null)
        {
            throw new DisputeFieldViolation("status",
                "is required for a bureau report: current, in_dispute, delinquent or delinquent_in_dispute.");
        }

        if (activity.Amount < 0m)
        {
            throw new DisputeFieldViolation("amount", Invariant($"must not be negative; got {activity.Amount}."));
        }

        if (activity.BalanceBefore < 0m)
        {
            throw new DisputeFieldViolation("balanceBefore", Invariant($"must not be negative; got {activity.BalanceBefore}."));
        }

        if (heldByOtherDisputes < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(heldByOtherDisputes), heldByOtherDisputes, "What other disputes hold is never negative.");
        }
    }
}

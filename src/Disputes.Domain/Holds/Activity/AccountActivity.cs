using NodaTime;

namespace Disputes.Domain.Holds.Activity;

/// <summary>
/// What the card processor, the collections system or the credit-bureau furnisher reports it did on an account; judged
/// against the account's billing-error holds as they stood when it happened (<see cref="JudgeActivity"/>).
/// </summary>
/// <param name="Kind">What was done.</param>
/// <param name="At">When it was done; the hold is judged as it stood then, however late the report comes.</param>
/// <param name="Amount">For a collection attempt or an autopay debit: the amount sought or taken, in US dollars.</param>
/// <param name="BalanceBefore">
/// For a collection attempt or an autopay debit: the balance the amount was sought from or taken against (the statement
/// balance, or the amount due), held amounts included. It tells whether the activity left the held amounts out; without it
/// the service cannot tell, and takes it that it did not.
/// </param>
/// <param name="ReportedStatus">For a bureau report: how the account or amount was reported.</param>
/// <param name="StatedCause">
/// For an account restriction: the cause the reporting system gives when it is not the dispute (over limit on undisputed
/// balances, suspected fraud, ...); a restriction with none stated while the dispute is pending is taken to be for using the right.
/// </param>
public sealed record AccountActivity(
    ActivityKind Kind,
    Instant At,
    decimal? Amount = null,
    decimal? BalanceBefore = null,
    CreditReportStatus? ReportedStatus = null,
    string? StatedCause = null);

/// <summary>What a system did on an account.</summary>
public enum ActivityKind
{
    /// <summary>A demand for payment, a dunning letter or call, a referral to collections (<c>collection_attempt</c>).</summary>
    CollectionAttempt,

    /// <summary>A deduction by the issuer's own automatic payment plan (<c>autopay_debit</c>).</summary>
    AutopayDebit,

    /// <summary>A report to a consumer reporting agency (<c>bureau_report</c>).</summary>
    BureauReport,

    /// <summary>Closing, restricting or accelerating the account, or lowering its limit (<c>account_restriction</c>).</summary>
    AccountRestriction,
}

/// <summary>How a bureau report showed the account or the amount.</summary>
public enum CreditReportStatus
{
    /// <summary>Current, with no mark that any of it is in dispute (<c>current</c>).</summary>
    Current,

    /// <summary>Marked as disputed by the consumer, not delinquent (<c>in_dispute</c>).</summary>
    InDispute,

    /// <summary>Delinquent, with no mark that it is in dispute (<c>delinquent</c>).</summary>
    Delinquent,

    /// <summary>Delinquent and marked as disputed by the consumer (<c>delinquent_in_dispute</c>).</summary>
    DelinquentInDispute,
}

namespace Disputes.Domain.Holds;

/// <summary>Where a billing-error hold stands; each stage forbids and requires its own things (<see cref="HoldTerms"/>).</summary>
public enum HoldStage
{
    /// <summary>
    /// The dispute is pending (1026.13(d)): the disputed amount and its related charges may not be collected, taken by the
    /// issuer's autopay (subject to the cut-off) or reported as delinquent, the account may not be restricted for using
    /// the right, and a furnisher reports the amount as in dispute.
    /// </summary>
    Pending,

    /// <summary>
    /// An explanation said money is owed (1026.13(g)): until the end of its payment date the amount owed is not due, so it
    /// may be neither collected nor reported as delinquent; then the hold is released.
    /// </summary>
    PaymentPeriod,

    /// <summary>
    /// The cardmember disputed the amount owed again within the payment period (1026.13(g)(4)): the payment period runs on
    /// as in <see cref="PaymentPeriod"/>, and after it the hold becomes <see cref="ReportOnlyAsInDispute"/>.
    /// </summary>
    PaymentPeriodReasserted,

    /// <summary>
    /// After a reassertion within the payment period, and once that period has passed (1026.13(g)(4)): the amount may be
    /// collected and reported as delinquent only while it is also reported as in dispute, and each party reported to is
    /// named to the cardmember and later told of the resolution.
    /// </summary>
    ReportOnlyAsInDispute,
}

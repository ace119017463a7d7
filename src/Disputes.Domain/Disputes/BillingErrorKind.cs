namespace Disputes.Domain.Disputes;

/// <summary>
/// The kinds of billing error a cardmember may assert, as listed in Regulation Z 1026.13(a).
/// </summary>
public enum BillingErrorKind
{
    /// <summary>A charge the cardmember did not make or authorize (1026.13(a)(1)).</summary>
    Unauthorized,

    /// <summary>A charge for the wrong amount or on the wrong date (1026.13(a)(1)).</summary>
    WrongAmount,

    /// <summary>Goods or services not accepted or not delivered as agreed (1026.13(a)(3)).</summary>
    NotReceived,

    /// <summary>Goods or services not as agreed with the merchant (1026.13(a)(3)).</summary>
    NotAsAgreed,

    /// <summary>A payment or credit not properly reflected on the statement (1026.13(a)(4)).</summary>
    CreditNotApplied,

    /// <summary>An accounting or computational error by the creditor (1026.13(a)(5)).</summary>
    ComputationalError,

    /// <summary>A periodic statement not mailed or delivered to the current address (1026.13(a)(7)).</summary>
    StatementNotSent,

    /// <summary>A request for clarification or documentation of a charge (1026.13(a)(6)).</summary>
    ClarificationRequest,
}

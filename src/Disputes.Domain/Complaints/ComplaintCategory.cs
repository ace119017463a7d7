namespace Disputes.Domain.Complaints;

/// <summary>
/// What a formal complaint is about: a fixed list, so compliance can count complaints by subject and report them the way
/// the CFPB's complaint process groups a credit card's issues. The API spells each value in snake_case.
/// </summary>
public enum ComplaintCategory
{
    /// <summary>How a billing error or a disputed charge was handled (<c>billing_dispute</c>).</summary>
    BillingDispute,

    /// <summary>Fees, interest, the APR or how they were charged (<c>fees_and_interest</c>).</summary>
    FeesAndInterest,

    /// <summary>Making a payment, autopay, or how a payment was applied (<c>payments</c>).</summary>
    Payments,

    /// <summary>What the issuer reported to a credit bureau (<c>credit_reporting</c>).</summary>
    CreditReporting,

    /// <summary>How the issuer or its agents tried to collect (<c>collections</c>).</summary>
    Collections,

    /// <summary>Opening or closing the account, its credit limit or its terms (<c>account_management</c>).</summary>
    AccountManagement,

    /// <summary>Rewards, points or promotional offers (<c>rewards</c>).</summary>
    Rewards,

    /// <summary>Fraud, identity theft or a compromised card, and how it was handled (<c>fraud</c>).</summary>
    Fraud,

    /// <summary>How the cardmember was treated or served (<c>customer_service</c>).</summary>
    CustomerService,

    /// <summary>The cardmember's personal information and its use (<c>privacy</c>).</summary>
    Privacy,

    /// <summary>Anything else (<c>other</c>).</summary>
    Other,
}

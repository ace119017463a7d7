namespace Disputes.Domain.Deadlines;

/// <summary>
/// Which limit of 12 CFR 1026.13(c)(2) set a resolution deadline: two complete billing cycles, or 90 days.
/// </summary>
public enum ResolutionBasis
{
    /// <summary>
    /// The deadline is the closing date of the second complete billing cycle after receipt, which fell no
    /// later than 90 days after receipt (a tie counts here).
    /// </summary>
    TwoCycles,

    /// <summary>
    /// The deadline is 90 days after receipt, because the second complete billing cycle closes later, or
    /// because the account's calendar does not say when it closes.
    /// </summary>
    NinetyDayCap,
}

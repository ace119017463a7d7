namespace Disputes.Domain.Disputes.Approving;

/// <summary>
/// Which resolutions need a second pair of eyes: a denial (no error) or a partial credit of a dispute over the
/// program's amount. A full correction gives the cardmember everything asserted and takes effect at once.
/// </summary>
public static class ResolutionApproval
{
    /// <summary>
    /// True when resolving <paramref name="dispute"/> with <paramref name="outcome"/> must be proposed and approved:
    /// the outcome denies some of the amount and the disputed amount is over <paramref name="requiredAbove"/> (in the
    /// dispute's currency; 0 means every denial).
    /// </summary>
    public static bool IsRequired(Dispute dispute, ResolutionOutcome outcome, decimal requiredAbove) =>
        outcome != ResolutionOutcome.Corrected && dispute.Amount > requiredAbove;
}

namespace Disputes.Domain.Deadlines;

/// <summary>
/// What a creditor forfeits by missing its billing-error duties (15 USC 1666(e)): the disputed amount and its
/// finance charges, capped at $50 per dispute.
/// </summary>
/// <remarks>
/// The exposure is counted once per dispute, however many of its deadlines are missed.
/// </remarks>
public static class Forfeiture
{
    /// <summary>The most a creditor forfeits on one dispute, in US dollars.</summary>
    public const decimal Cap = 50m;

    /// <summary>
    /// Returns the amount the creditor forfeits on a dispute if it misses its duties.
    /// </summary>
    /// <param name="disputedAmount">The amount the consumer disputes, in US dollars; not negative.</param>
    /// <param name="financeCharges">
    /// The finance charges related to the disputed amount that are recorded on the dispute, in US dollars; zero
    /// until some are recorded; not negative.
    /// </param>
    /// <returns>
    /// The sum of <paramref name="disputedAmount"/> and <paramref name="financeCharges"/>, but no more than
    /// <see cref="Cap"/>, in US dollars: $200 + $5 gives $50, and $30 + $2 gives $32.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">Either amount is negative.</exception>
    public static decimal Exposure(decimal disputedAmount, decimal financeCharges)
    {
        if (disputedAmount < 0m)
        {
            throw new ArgumentOutOfRangeException(
                nameof(disputedAmount), disputedAmount,
                $"The disputed amount must not be negative; got {disputedAmount}. Pass the amount the consumer disputes as a positive number of dollars.");
        }

        if (financeCharges < 0m)
        {
            throw new ArgumentOutOfRangeException(
                nameof(financeCharges), financeCharges,
                $"The finance charges must not be negative; got {financeCharges}. Pass 0 when none are recorded.");
        }

        return Math.Min(disputedAmount + financeCharges, Cap);
    }
}

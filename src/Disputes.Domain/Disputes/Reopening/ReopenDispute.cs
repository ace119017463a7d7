using NodaTime;

namespace Disputes.Domain.Disputes.Reopening;

/// <summary>
/// Reopening a resolved dispute because the cardmember reasserted the same error (1026.13(h)). After full compliance it
/// creates no new duty; after a missed clock it was not fully complied with, which the reopening records (rule book
/// section 5). Either way no clock starts again.
/// </summary>
public static class ReopenDispute
{
    /// <summary>The events that reopening <paramref name="dispute"/> at <paramref name="now"/> records; no clock restarts.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is not resolved.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, string reason, Instant now)
    {
        if (dispute.Status != DisputeStatus.Resolved)
        {
            throw new DisputeRuleViolation(DisputeRule.NotResolved, "Only a resolved dispute can be reopened as a reassertion.");
        }

        // Rule book section 6: the duties are all of 1666 and 1666a, so a hold violation is a missed duty like a clock.
        return [new DisputeReopened(reason, now, FullyCompliedWith: !Holds.Noncompliance.IsAtStake(dispute, dispute.Hold))];
    }
}

using NodaTime;

namespace Disputes.Domain.Disputes.Reopening;

/// <summary>Reopening a resolved dispute because the cardmember reasserted the same error (1026.13(h)).</summary>
public static class ReopenDispute
{
    /// <summary>The events that reopening <paramref name="dispute"/> at <paramref name="now"/> records; no clock restarts.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is not resolved.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, string reason, Instant now)
    {
        if (dispute.Status != DisputeStatus.Resolved)
        {
            throw new DisputeRuleViolation("Only a resolved dispute can be reopened as a reassertion.");
        }

        return [new DisputeReopened(reason, now)];
    }
}

using NodaTime;

namespace Disputes.Domain.Disputes.Acknowledging;

/// <summary>Sending the written acknowledgment of 1026.13(c)(1).</summary>
public static class AcknowledgeDispute
{
    /// <summary>The events that acknowledging <paramref name="dispute"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is already acknowledged, resolved or withdrawn.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, Instant now)
    {
        if (dispute.AcknowledgedAt is { } at)
        {
            throw new DisputeRuleViolation(DisputeRule.AlreadyAcknowledged, $"The dispute was already acknowledged at {at}; it cannot be acknowledged twice.");
        }

        dispute.EnsureActive("acknowledge");
        return [.. dispute.BreachesDueBy(now), new AcknowledgmentSent(now)];
    }
}

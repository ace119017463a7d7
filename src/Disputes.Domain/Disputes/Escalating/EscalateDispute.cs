using NodaTime;

namespace Disputes.Domain.Disputes.Escalating;

/// <summary>Handing a dispute to a supervisor or a specialist team.</summary>
public static class EscalateDispute
{
    /// <summary>The events that escalating <paramref name="dispute"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is resolved or withdrawn, or already with that target.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, EscalationTarget to, string reason, Instant now)
    {
        dispute.EnsureActive("escalate");
        if (dispute.EscalatedTo == to)
        {
            throw new DisputeRuleViolation(DisputeRule.AlreadyEscalatedThere, $"The dispute is already escalated to {to.ToString().ToLowerInvariant()}.");
        }

        return [.. dispute.BreachesDueBy(now), new DisputeEscalated(to, reason, now)];
    }
}

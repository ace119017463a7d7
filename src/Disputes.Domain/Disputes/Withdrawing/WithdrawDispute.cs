using NodaTime;

namespace Disputes.Domain.Disputes.Withdrawing;

/// <summary>The cardmember withdrawing the notice (comment 13(b)-1): pending clocks stop.</summary>
public static class WithdrawDispute
{
    /// <summary>The events that withdrawing <paramref name="dispute"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is already resolved or withdrawn.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, string? reason, Instant now)
    {
        dispute.EnsureActive("withdraw");
        return [.. dispute.BreachesDueBy(now), new DisputeWithdrawn(now, reason)];
    }
}

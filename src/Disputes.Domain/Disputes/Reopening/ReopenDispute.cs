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
    /// <exception cref="DisputeRuleViolation">The dispute is not resolved, or its correction or explanation still waits in the print queue.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, string reason, Instant now)
    {
        if (dispute.Status != DisputeStatus.Resolved)
        {
            throw new DisputeRuleViolation(DisputeRule.NotResolved, "Only a resolved dispute can be reopened as a reassertion.");
        }

        if (dispute.ResolutionLetterQueued is { } queued)
        {
            // 1026.13(h) speaks of a reassertion after the issuer complied with (e) or (f), which takes the letter's
            // sending; until it is mailed, whether the clocks were met is not known either.
            throw new DisputeRuleViolation(DisputeRule.ResolutionQueuedForPost,
                $"The {Notices.NoticeKinds.Title(queued.Kind).ToLowerInvariant()} queued for the post at {queued.QueuedAt} is not mailed yet: the resolution is not sent, so it cannot be reasserted. Reopen once the mail vendor confirms the mailing.");
        }

        // Rule book section 6: the duties are all of 1666 and 1666a, so a hold violation is a missed duty like a clock.
        return [new DisputeReopened(reason, now, FullyCompliedWith: !Holds.Noncompliance.IsAtStake(dispute, dispute.Hold))];
    }
}

using NodaTime;

namespace Disputes.Domain.Disputes.Acknowledging;

/// <summary>Sending the written acknowledgment of 1026.13(c)(1).</summary>
public static class AcknowledgeDispute
{
    /// <summary>The events that acknowledging <paramref name="dispute"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="DisputeRuleViolation">The dispute is already acknowledged, resolved or withdrawn.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, Instant now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.AcknowledgedAt is { } at)
        {
            throw new DisputeRuleViolation(DisputeRule.AlreadyAcknowledged, $"The dispute was already acknowledged at {at}; it cannot be acknowledged twice.");
        }

        if (dispute.QueuedForPost.FirstOrDefault(q => q.Kind == Notices.NoticeKind.Acknowledgment) is { } queued)
        {
            // Two letters would reach the cardmember, and the clock would be met by whichever the vendor mailed first.
            throw new DisputeRuleViolation(DisputeRule.AcknowledgmentQueuedForPost,
                $"The acknowledgment was queued for the post at {queued.QueuedAt} and waits for the mail vendor; it cannot be sent again meanwhile.");
        }

        dispute.EnsureActive("acknowledge");
        return [.. dispute.BreachesDueBy(now), new AcknowledgmentSent(now)];
    }

    /// <summary>
    /// The events that queuing the acknowledgment of <paramref name="dispute"/> for the post at <paramref name="now"/>
    /// records before its letter's <see cref="Notices.NoticeQueuedForPost"/>: only the breaches due, since a letter in the
    /// print queue is not sent and meets no clock until the mail vendor confirms it (<see cref="Notices.MailPostalNotices"/>).
    /// </summary>
    /// <exception cref="DisputeRuleViolation">As <see cref="Decide"/>.</exception>
    public static IReadOnlyList<object> DecideByPost(Dispute dispute, Instant now)
    {
        _ = Decide(dispute, now);
        return dispute.BreachesDueBy(now);
    }
}

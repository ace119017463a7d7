using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// The mail vendor confirmed that queued letters were handed to the post: each is sent at that instant, and a queued
/// acknowledgment meets the acknowledgment clock then (rule book section 8: the date a notice is sent meets a clock).
/// </summary>
public static class MailPostalNotices
{
    /// <summary>
    /// The events that confirming the mailing of <paramref name="noticeIds"/> at <paramref name="mailedAt"/>, learned at
    /// <paramref name="now"/>, records on <paramref name="dispute"/>. Breaches due by <paramref name="now"/> come first, as
    /// for every command: the service could not know the letter went out until the vendor said so, so a clock whose breach
    /// instant passed before the confirmation stays breached even when the mailing was earlier.
    /// </summary>
    /// <param name="dispute">The dispute as it stands.</param>
    /// <param name="noticeIds">The letters of the dispute the vendor mailed; ones not queued (already sent) are skipped, so a redelivery appends nothing.</param>
    /// <param name="mailedAt">When the vendor handed them to the post; not after <paramref name="now"/>.</param>
    /// <param name="now">When the confirmation is recorded.</param>
    /// <exception cref="ArgumentException"><paramref name="mailedAt"/> is after <paramref name="now"/>.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, IReadOnlyCollection<Guid> noticeIds, Instant mailedAt, Instant now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(noticeIds);
        if (mailedAt > now)
        {
            throw new ArgumentException("A letter cannot have been mailed after the confirmation that it was.", nameof(mailedAt));
        }

        var queued = dispute.QueuedForPost.Where(q => noticeIds.Contains(q.NoticeId)).ToList();
        if (queued.Count == 0)
        {
            return [];
        }

        var events = new List<object>(dispute.BreachesDueBy(now));
        var acknowledges = false;
        foreach (var letter in queued)
        {
            events.Add(new NoticeIssued(letter.NoticeId, letter.Kind, letter.Language, letter.TemplateVersion, DeliveryChannel.Postal, mailedAt, letter.PdfSha256));
            acknowledges |= letter.Kind == NoticeKind.Acknowledgment;
        }

        // A withdrawn or resolved dispute keeps its status: the letter went out, but it acknowledges nothing any more
        // (a resolution already met the acknowledgment clock).
        if (acknowledges && dispute.AcknowledgedAt is null && dispute.IsActive)
        {
            events.Add(new AcknowledgmentSent(mailedAt));
        }

        return events;
    }
}

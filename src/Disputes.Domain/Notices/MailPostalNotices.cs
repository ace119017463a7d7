using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// The mail vendor confirmed that queued letters were handed to the post: each is sent at that instant (rule book section
/// 8: the date a notice is sent meets a clock). A queued acknowledgment meets the acknowledgment clock then; a queued
/// correction or explanation meets the resolution clock then, and the acknowledgment clock too while that is still
/// pending (section 2); a request for documents meets no clock.
/// </summary>
public static class MailPostalNotices
{
    /// <summary>
    /// The events that confirming the mailing of <paramref name="noticeIds"/> at <paramref name="mailedAt"/>, learned at
    /// <paramref name="now"/>, records on <paramref name="dispute"/>. Breaches due by <paramref name="now"/> come first, as
    /// for every command: the service could not know the letter went out until the vendor said so, so a clock whose breach
    /// instant passed before the confirmation stays breached even when the mailing was earlier. Then, letter by letter in
    /// the order they were queued, its <see cref="NoticeIssued"/> (which meets the clocks of a correction or explanation,
    /// <see cref="Clocks.DeadlineClock.Evolve"/>), and for an acknowledgment that still acknowledges something its
    /// <see cref="AcknowledgmentSent"/>.
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
        var state = events.Aggregate(dispute, (d, e) => d.Evolve(e));
        foreach (var letter in queued)
        {
            var issued = new NoticeIssued(letter.NoticeId, letter.Kind, letter.Language, letter.TemplateVersion, DeliveryChannel.Postal, mailedAt, letter.PdfSha256);
            events.Add(issued);
            state = state.Evolve(issued);

            // A withdrawn dispute, or one whose resolution already met the acknowledgment clock, keeps its status: the
            // letter went out but acknowledges nothing any more. An active dispute is acknowledged, late or not; a dispute
            // resolved by a letter still in the print queue is acknowledged while its clock is pending.
            if (letter.Kind == NoticeKind.Acknowledgment && state.AcknowledgedAt is null && (state.IsActive || state.AcknowledgmentClock.IsPending))
            {
                var sent = new AcknowledgmentSent(mailedAt);
                events.Add(sent);
                state = state.Evolve(sent);
            }
        }

        return events;
    }
}

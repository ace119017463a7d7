using NodaTime;

namespace Disputes.Domain.Disputes;

/// <summary>
/// When a dispute event happened in business time: the instant the event itself carries (received, sent,
/// issued, breached, ...), from the service's clock or the rule book. The event store's own timestamp is
/// when the row was written, which for a late timer or a recorded-on-next-command breach is later than the
/// moment the event describes; questions such as "how did the dispute stand on April 1" use this instant.
/// </summary>
public static class DisputeEventTime
{
    /// <summary>The business instant of <paramref name="event"/>.</summary>
    /// <exception cref="ArgumentException">The event is not a dispute event.</exception>
    public static Instant Of(object @event) => @event switch
    {
        // The receipt of the notice, not the moment it was keyed in: the clocks run from receipt, and an intake
        // entered after the fact must not make its own breaches look older than the dispute.
        DisputeOpened e => e.NoticeReceivedAt,
        AcknowledgmentSent e => e.SentAt,
        ProvisionalCreditIssued e => e.IssuedAt,
        DocumentsRequested e => e.RequestedAt,
        DocumentsReceived e => e.ReceivedAt,
        MerchantContacted e => e.ContactedAt,
        DisputeEscalated e => e.EscalatedAt,
        NoteAdded e => e.AddedAt,
        FinanceChargesRecorded e => e.RecordedAt,
        DisputeResolved e => e.ResolvedAt,
        DisputeWithdrawn e => e.WithdrawnAt,
        DisputeReopened e => e.ReopenedAt,
        DeadlineApproaching e => e.WarnedAt,

        // The breach instant (start of the day after the due date), not when a timer or command noticed it.
        DeadlineBreached e => e.BreachedAt,
        ResolutionDeadlineRecomputed e => e.RecomputedAt,
        StatementDateRecorded e => e.RecordedAt,
        Notices.NoticeIssued e => e.SentAt,
        Notices.NoticeQueuedForPost e => e.QueuedAt,
        Approving.ResolutionProposed e => e.ProposedAt,
        Approving.ResolutionApproved e => e.ApprovedAt,
        Approving.ResolutionRejected e => e.RejectedAt,
        Reporting.AmountInDisputeReported e => e.RecordedAt,
        _ => Holds.HoldSteps.TimeOf(@event) ?? throw new ArgumentException($"{@event.GetType().Name} is not a dispute event.", nameof(@event)),
    };
}

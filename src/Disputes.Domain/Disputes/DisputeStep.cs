using NodaTime;
using static System.FormattableString;

namespace Disputes.Domain.Disputes;

/// <summary>One step taken on a dispute, as agents and compliance officers see it in the dispute's history.</summary>
/// <param name="Version">The stream version of the event that recorded the step.</param>
/// <param name="Type">The step's kind in snake case, e.g. <c>acknowledgment_sent</c>.</param>
/// <param name="At">When the step happened (the event's own instant, from the service's clock).</param>
/// <param name="Summary">One English sentence saying what happened.</param>
public sealed record DisputeStep(long Version, string Type, Instant At, string Summary)
{
    /// <summary>The step an event records; amounts and dates are written the same way whatever the server's culture.</summary>
    public static DisputeStep For(object @event, long version) => @event switch
    {
        DisputeOpened e => new(version, "dispute_opened", e.OpenedAt,
            Invariant($"Billing-error notice received by {e.Channel.ToString().ToLowerInvariant()} for {Dispute.Money(e.Amount, e.Currency)} at {e.Merchant}.")),
        AcknowledgmentSent e => new(version, "acknowledgment_sent", e.SentAt, "Written acknowledgment sent."),
        ProvisionalCreditIssued e => new(version, "provisional_credit_issued", e.IssuedAt, Invariant($"Provisional credit of {e.Amount:0.00} posted.")),
        DocumentsRequested e => new(version, "documents_requested", e.RequestedAt, Invariant($"Documents requested from the {Lower(e.From)}: {e.Documents}")),
        DocumentsReceived e => new(version, "documents_received", e.ReceivedAt, Invariant($"Documents received from the {Lower(e.From)}: {e.Documents}")),
        MerchantContacted e => new(version, "merchant_contacted", e.ContactedAt, Invariant($"Merchant contacted: {e.Summary}")),
        DisputeEscalated e => new(version, "escalated", e.EscalatedAt, Invariant($"Escalated to {Lower(e.To)}: {e.Reason}")),
        NoteAdded e => new(version, "note_added", e.AddedAt, e.Text),
        FinanceChargesRecorded e => new(version, "finance_charges_recorded", e.RecordedAt, Invariant($"Related finance charges of {e.Amount:0.00} recorded.")),
        DisputeResolved { Outcome: ResolutionOutcome.Corrected } e => new(version, "resolved", e.ResolvedAt,
            Invariant($"Resolved: error corrected, {e.CreditedAmount:0.00} credited.{ByPost(e)}")),
        DisputeResolved { Outcome: ResolutionOutcome.Partial } e => new(version, "resolved", e.ResolvedAt,
            Invariant($"Resolved: part of the error corrected, {e.CreditedAmount:0.00} credited, the rest explained; {e.AmountOwed:0.00} still owed.{ByPost(e)}")),
        DisputeResolved { ForfeitureApplied: { } forfeited } e => new(version, "resolved", e.ResolvedAt,
            Invariant($"Resolved: no error found, written explanation {(e.LetterByPost ? "queued for the post" : "sent")}; {forfeited:0.00} forfeited for the missed deadline is not owed.{ByPost(e)}")),
        DisputeResolved e => new(version, "resolved", e.ResolvedAt, $"Resolved: no error found, written explanation {(e.LetterByPost ? "queued for the post" : "sent")}.{ByPost(e)}"),
        DisputeWithdrawn e => new(version, "withdrawn", e.WithdrawnAt, "Withdrawn by the cardmember."),
        DisputeReopened { FullyCompliedWith: false } e => new(version, "reopened", e.ReopenedAt,
            Invariant($"Reopened as a reassertion (no new clocks; a deadline was missed or the hold violated, so not fully complied with and the forfeiture stays): {e.Reason}")),
        DisputeReopened e => new(version, "reopened", e.ReopenedAt, Invariant($"Reopened as a reassertion (no new clocks): {e.Reason}")),
        DeadlineApproaching e => new(version, "deadline_approaching", e.WarnedAt,
            Invariant($"The {Lower(e.Clock)} deadline of {e.DueOn:yyyy-MM-dd} is {e.DaysBefore} days away.")),
        DeadlineBreached e => new(version, "deadline_breached", e.BreachedAt,
            Invariant($"The {Lower(e.Clock)} deadline of {e.DueOn:yyyy-MM-dd} was missed; forfeiture exposure {e.ForfeitureExposure:0.00}.")),
        ResolutionDeadlineRecomputed { CorrectedClosing: { RecordedOn: { } recorded } corrected } e => new(version, "resolution_deadline_recomputed", e.RecomputedAt,
            Invariant($"Past closing corrected ({recorded:yyyy-MM-dd} really closed on {corrected.ClosedOn:yyyy-MM-dd}): resolution now due {e.Deadline.DueOn:yyyy-MM-dd}.")),
        ResolutionDeadlineRecomputed { CorrectedClosing: { } added } e => new(version, "resolution_deadline_recomputed", e.RecomputedAt,
            Invariant($"Past closing of {added.ClosedOn:yyyy-MM-dd} added to the calendar: resolution now due {e.Deadline.DueOn:yyyy-MM-dd}.")),
        ResolutionDeadlineRecomputed e => new(version, "resolution_deadline_recomputed", e.RecomputedAt,
            Invariant($"Billing-cycle calendar changed: resolution now due {e.Deadline.DueOn:yyyy-MM-dd}.")),
        StatementDateRecorded { FilingWindow.Timely: true } e => new(version, "statement_date_recorded", e.RecordedAt,
            Invariant($"Billed on the statement of {e.StatementTransmittedOn:yyyy-MM-dd}: the notice came within the filing window, which ends {e.FilingWindow.LastDay:yyyy-MM-dd}.")),
        StatementDateRecorded e => new(version, "statement_date_recorded", e.RecordedAt,
            Invariant($"Billed on the statement of {e.StatementTransmittedOn:yyyy-MM-dd}: the filing window ended {e.FilingWindow.LastDay:yyyy-MM-dd}, before the notice; accepted as not yet billed, it stays protected.")),
        Notices.NoticeIssued e => new(version, "notice_issued", e.SentAt,
            $"{Notices.NoticeKinds.Title(e.Kind)} sent by {(e.Channel == Notices.DeliveryChannel.Postal ? "post" : "secure message")}, in {(e.Language == Notices.NoticeLanguage.Es ? "Spanish" : "English")}."),
        Notices.NoticeQueuedForPost e => new(version, "notice_queued_for_post", e.QueuedAt,
            $"{Notices.NoticeKinds.Title(e.Kind)} queued for the post, in {(e.Language == Notices.NoticeLanguage.Es ? "Spanish" : "English")}; not sent until the mail vendor confirms."),
        Approving.ResolutionProposed e => new(version, "resolution_proposed", e.ProposedAt, e.Outcome == ResolutionOutcome.Partial
            ? Invariant($"Resolution proposed for a supervisor's approval: part corrected, {e.CreditedAmount:0.00} credited, {e.AmountOwed:0.00} still owed.")
            : Invariant($"Resolution proposed for a supervisor's approval: no error found, {e.AmountOwed:0.00} still owed.")),
        Approving.ResolutionApproved e => new(version, "resolution_approved", e.ApprovedAt,
            $"Proposed resolution approved by {e.ApprovedBy} (proposed by {e.ProposedBy})."),
        Approving.ResolutionRejected e => new(version, "resolution_rejected", e.RejectedAt,
            $"Proposed resolution returned by {e.RejectedBy} to {e.ProposedBy}: {e.Reason}"),
        Reporting.AmountInDisputeReported { Stage: Notices.ReportingStage.Reported } e => new(version, "reporting_recorded", e.RecordedAt,
            Invariant($"Amount reported as in dispute on {e.ReportedOn:yyyy-MM-dd} to {string.Join(", ", e.Parties.Select(p => p.Name))}.")),
        Reporting.AmountInDisputeReported e => new(version, "reporting_recorded", e.RecordedAt,
            Invariant($"Resolution reported on {e.ReportedOn:yyyy-MM-dd} to {string.Join(", ", e.Parties.Select(p => p.Name))}.")),
        _ => Holds.HoldSteps.For(@event, version) ?? new(version, "unknown", default, @event.GetType().Name),
    };

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string ByPost(DisputeResolved resolved) =>
        resolved.LetterByPost ? " The letter goes by post: its clocks are met when the mail vendor confirms the mailing." : "";
}

using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using NodaTime;

namespace Disputes.Domain.Disputes;

/// <summary>
/// A billing-error notice received through chat and accepted as a dispute. The deadlines are decided at
/// intake from the account's calendar and recorded here, so the stream alone explains every later clock.
/// </summary>
/// <param name="DisputeId">The dispute's stream id.</param>
/// <param name="CaseNumber">The human-readable case number read out to the cardmember, e.g. <c>DSP-2025-000042</c>.</param>
/// <param name="AccountId">The card account the disputed charge was billed to.</param>
/// <param name="CardLast4">The last four digits of the card; never the full number.</param>
/// <param name="ChatSessionId">The authenticated chat session the notice came from.</param>
/// <param name="Reason">The kind of billing error asserted.</param>
/// <param name="Merchant">The merchant named on the disputed charge.</param>
/// <param name="Amount">The disputed amount, in <paramref name="Currency"/>, at most two decimals.</param>
/// <param name="Currency">ISO 4217 code of <paramref name="Amount"/>.</param>
/// <param name="TransactionDate">The date of the disputed charge.</param>
/// <param name="StatementTransmittedOn">
/// The date the first statement showing the error was transmitted (or should have been); null for a charge not yet billed
/// (rule book section 1), until <see cref="StatementDateRecorded"/> gives it.
/// </param>
/// <param name="NoticeReceivedAt">The instant the issuer received the notice.</param>
/// <param name="ReceivedOn">The receipt's local date in <paramref name="TimeZoneId"/>; every deadline counts from it.</param>
/// <param name="TimeZoneId">The account's IANA time zone at intake, e.g. <c>America/New_York</c>.</param>
/// <param name="Description">The cardmember's account of the error, screened for sensitive data.</param>
/// <param name="Channel">How the notice arrived.</param>
/// <param name="FilingWindow">The 60-day filing window and whether the notice met it; null for a charge not yet billed, which is treated as timely.</param>
/// <param name="AcknowledgmentDueOn">Last day for the written acknowledgment; null for a late (unprotected) notice.</param>
/// <param name="ResolutionDeadline">Last day for the resolution and what set it; null for a late notice.</param>
/// <param name="OpenedAt">When the dispute was opened in this service.</param>
/// <param name="Original">For a foreign transaction, the amount the merchant charged in its own currency; information only.</param>
/// <param name="PaymentPeriodDays">The account's payment period at intake, in days; null on disputes opened before it was recorded.</param>
/// <param name="Language">The cardmember's language, taken from the chat, for every notice; null on disputes opened before it was recorded (English).</param>
/// <param name="ProcessingTimeZoneId">The issuer's processing time zone the program set at intake; null when it set none.</param>
/// <param name="ReceivedOnInProcessingZone">The receipt's local date in <paramref name="ProcessingTimeZoneId"/>; null without one.</param>
public sealed record DisputeOpened(
    Guid DisputeId,
    string CaseNumber,
    string AccountId,
    string CardLast4,
    string ChatSessionId,
    BillingErrorKind Reason,
    string Merchant,
    decimal Amount,
    string Currency,
    LocalDate TransactionDate,
    LocalDate? StatementTransmittedOn,
    Instant NoticeReceivedAt,
    LocalDate ReceivedOn,
    string TimeZoneId,
    string Description,
    NoticeChannel Channel,
    FilingWindow? FilingWindow,
    LocalDate? AcknowledgmentDueOn,
    ResolutionDeadline? ResolutionDeadline,
    Instant OpenedAt,
    OriginalAmount? Original = null,
    int? PaymentPeriodDays = null,
    Notices.NoticeLanguage? Language = null,
    string? ProcessingTimeZoneId = null,
    LocalDate? ReceivedOnInProcessingZone = null);

/// <summary>The written acknowledgment of 1026.13(c)(1) was sent to the cardmember.</summary>
/// <param name="SentAt">When it was sent.</param>
public sealed record AcknowledgmentSent(Instant SentAt);

/// <summary>A provisional credit was posted while the dispute is investigated; it stops no clock (comment 13(c)-1).</summary>
/// <param name="Amount">The credited amount, in the dispute's currency.</param>
/// <param name="IssuedAt">When it was posted.</param>
public sealed record ProvisionalCreditIssued(decimal Amount, Instant IssuedAt);

/// <summary>Documents were asked for, from the cardmember or the merchant.</summary>
/// <param name="From">Who was asked.</param>
/// <param name="Documents">What was asked for.</param>
/// <param name="RequestedAt">When.</param>
public sealed record DocumentsRequested(DocumentSource From, string Documents, Instant RequestedAt);

/// <summary>Requested documents arrived.</summary>
/// <param name="From">Who sent them.</param>
/// <param name="Documents">What arrived.</param>
/// <param name="ReceivedAt">When.</param>
/// <param name="FileIds">The stored evidence files that arrived with this step (an upload through a link); none when an agent recorded paper or e-mail.</param>
public sealed record DocumentsReceived(DocumentSource From, string Documents, Instant ReceivedAt, IReadOnlyList<Guid>? FileIds = null);

/// <summary>The merchant was contacted about the disputed charge.</summary>
/// <param name="Summary">What was asked or said.</param>
/// <param name="ContactedAt">When.</param>
public sealed record MerchantContacted(string Summary, Instant ContactedAt);

/// <summary>The dispute was handed to a supervisor or a specialist team.</summary>
/// <param name="To">Who now works it.</param>
/// <param name="Reason">Why it was escalated.</param>
/// <param name="EscalatedAt">When.</param>
public sealed record DisputeEscalated(EscalationTarget To, string Reason, Instant EscalatedAt);

/// <summary>An internal note; never shown to the cardmember.</summary>
/// <param name="Text">The note, screened for sensitive data.</param>
/// <param name="AddedAt">When.</param>
public sealed record NoteAdded(string Text, Instant AddedAt);

/// <summary>Finance charges related to the disputed amount were recorded; they count toward forfeiture exposure.</summary>
/// <param name="Amount">The finance charges added, in the dispute's currency.</param>
/// <param name="RecordedAt">When.</param>
public sealed record FinanceChargesRecorded(decimal Amount, Instant RecordedAt);

/// <summary>The dispute was resolved under 1026.13(e) or (f).</summary>
/// <param name="Outcome">Whether the error was found and corrected, or no error was found.</param>
/// <param name="CreditedAmount">For <see cref="ResolutionOutcome.Corrected"/> and <see cref="ResolutionOutcome.Partial"/>: amount credited, including related charges.</param>
/// <param name="Explanation">For <see cref="ResolutionOutcome.NoError"/> and <see cref="ResolutionOutcome.Partial"/>: the written explanation sent.</param>
/// <param name="AmountOwed">For <see cref="ResolutionOutcome.NoError"/> and <see cref="ResolutionOutcome.Partial"/>: what the cardmember still owes, 0 when nothing.</param>
/// <param name="PaymentDueOn">When money is owed: the date it is due, at least max(10, the account's payment period) days after resolution (1026.13(g)(1)).</param>
/// <param name="ResolvedAt">
/// When the resolution was decided and took effect on the account; for a letter by secure message also when the
/// correction or explanation was sent. A letter by post is sent later, at the mailing its <c>notice_issued</c> records.
/// </param>
/// <param name="ForfeitureApplied">
/// For an explanation after a missed clock: the forfeiture (15 USC 1666(e)) left out of <paramref name="AmountOwed"/>;
/// null when no clock was missed.
/// </param>
/// <param name="LetterByPost">
/// True when the correction or explanation went to the print queue: the dispute is resolved now, but the clocks its letter
/// meets stay pending until the mail vendor confirms the mailing (rule book section 8: the date the notice is sent meets
/// the clock), and so does the hold's protection of an amount still owed (1026.13(d) lasts until the explanation is sent).
/// False for a letter by secure message, and on resolutions recorded before letters went by post.
/// </param>
public sealed record DisputeResolved(
    ResolutionOutcome Outcome,
    decimal? CreditedAmount,
    string? Explanation,
    decimal? AmountOwed,
    LocalDate? PaymentDueOn,
    Instant ResolvedAt,
    decimal? ForfeitureApplied = null,
    bool LetterByPost = false);

/// <summary>The cardmember withdrew the notice (comment 13(b)-1); pending clocks stop.</summary>
/// <param name="WithdrawnAt">When.</param>
/// <param name="Reason">What the cardmember said, if anything.</param>
public sealed record DisputeWithdrawn(Instant WithdrawnAt, string? Reason);

/// <summary>
/// The cardmember reasserted substantially the same error after the dispute was resolved. Under 1026.13(h)
/// this creates no new duty, so no clock starts again.
/// </summary>
/// <param name="Reason">What the cardmember reasserted.</param>
/// <param name="ReopenedAt">When.</param>
/// <param name="FullyCompliedWith">
/// Whether the issuer had met every duty before this reassertion; false after a missed clock or a violated hold (a
/// collection, an adverse report or an autopay deduction of the disputed amount while pending; rule book section 6), when
/// 1026.13(h) does not apply in full and the forfeiture stays; null on reopenings recorded before this was kept.
/// </param>
public sealed record DisputeReopened(string Reason, Instant ReopenedAt, bool? FullyCompliedWith = null);

/// <summary>A pending clock's due date is near; raised once per configured lead time.</summary>
/// <param name="Clock">Which clock.</param>
/// <param name="DueOn">The due date the warning is about.</param>
/// <param name="DaysBefore">How many days before the due date the warning was set for.</param>
/// <param name="WarnedAt">When the warning was recorded.</param>
public sealed record DeadlineApproaching(ComplianceClock Clock, LocalDate DueOn, int DaysBefore, Instant WarnedAt);

/// <summary>A pending clock passed its due date with the duty undone.</summary>
/// <param name="Clock">Which clock.</param>
/// <param name="DueOn">The due date that was missed.</param>
/// <param name="BreachedAt">The breach instant: the start of the day after <paramref name="DueOn"/>, account time.</param>
/// <param name="ForfeitureExposure">What the issuer may forfeit under 15 USC 1666(e), in the dispute's currency, capped at 50.</param>
public sealed record DeadlineBreached(ComplianceClock Clock, LocalDate DueOn, Instant BreachedAt, decimal ForfeitureExposure);

/// <summary>The account's billing-cycle calendar changed, so the pending resolution deadline was recomputed.</summary>
/// <param name="Deadline">The new deadline.</param>
/// <param name="RecomputedAt">When.</param>
/// <param name="CorrectedClosing">
/// When the change was the correction of a wrongly recorded past closing (rule book section 3): which closing, and the day
/// it really closed; null for a change of the schedule.
/// </param>
public sealed record ResolutionDeadlineRecomputed(ResolutionDeadline Deadline, Instant RecomputedAt, BillingCycles.ClosingCorrection? CorrectedClosing = null);

/// <summary>
/// The statement that first shows a charge not yet billed at intake was transmitted: the filing window is now known. It
/// never takes protection away (rule book section 1): the clocks the notice got as timely keep running.
/// </summary>
/// <param name="StatementTransmittedOn">The date the statement was transmitted (or should have been).</param>
/// <param name="FilingWindow">The window that statement gives, read against the receipt as intake read it.</param>
/// <param name="RecordedAt">When.</param>
public sealed record StatementDateRecorded(LocalDate StatementTransmittedOn, FilingWindow FilingWindow, Instant RecordedAt);

/// <summary>Who was asked for, or sent, documents.</summary>
public enum DocumentSource
{
    /// <summary>The cardmember.</summary>
    Cardmember,

    /// <summary>The merchant.</summary>
    Merchant,
}

/// <summary>Who an escalated dispute goes to.</summary>
public enum EscalationTarget
{
    /// <summary>The agent's supervisor.</summary>
    Supervisor,

    /// <summary>The disputes specialist team.</summary>
    Disputes,

    /// <summary>The credit team.</summary>
    Credit,

    /// <summary>The rewards team.</summary>
    Rewards,
}

/// <summary>How a dispute was resolved.</summary>
public enum ResolutionOutcome
{
    /// <summary>The error occurred as asserted; the account was corrected and credited (1026.13(e)).</summary>
    Corrected,

    /// <summary>No error (or a different one) after a reasonable investigation; a written explanation was sent (1026.13(f)).</summary>
    NoError,

    /// <summary>
    /// A different or partial error (1026.13(f)(3)): what was wrong was corrected and credited, and the rest explained,
    /// with the amount still owed.
    /// </summary>
    Partial,
}

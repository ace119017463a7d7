using Disputes.Api.Disputes.Opening;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Api.Disputes;

/// <summary>
/// A dispute as the API shows it to agents (<c>GET /api/disputes/{disputeId}</c> and every command's answer).
/// The field names are a published contract; add fields, never rename them.
/// </summary>
/// <remarks>
/// <c>statementTransmittedOn</c> is null and <c>notYetBilled</c> true while the charge is on no statement yet (rule book
/// section 1); <c>processingTimeZone</c> and <c>receivedOnInProcessingZone</c> say how the issuer's processing zone, when
/// the program set one at intake, read the receipt.
/// </remarks>
public sealed record DisputeResponse(
    Guid DisputeId,
    string CaseNumber,
    DisputeStatus Status,
    long Version,
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
    string TimeZone,
    NoticeChannel Channel,
    bool FcbaProtected,
    string Description,
    EscalationTarget? EscalatedTo,
    decimal ProvisionalCredit,
    decimal FinanceCharges,
    decimal? ForfeitureExposure,
    ResolutionResponse? Resolution,
    DeadlinesResponse Deadlines,
    IReadOnlyList<DisputeStep> Steps,
    decimal? OriginalAmount = null,
    string? OriginalCurrency = null,
    Holds.HoldResponse? Hold = null,
    IReadOnlyList<string>? AllowedActions = null,
    NoticeLanguage Language = NoticeLanguages.Default,
    IReadOnlyList<NoticeIssued>? Notices = null,
    IReadOnlyList<NoticeQueuedForPost>? QueuedForPost = null,
    bool NotYetBilled = false,
    string? ProcessingTimeZone = null,
    LocalDate? ReceivedOnInProcessingZone = null,
    ProposalResponse? PendingResolution = null)
{
    /// <summary>
    /// The command path of each step the dispute's state allows now (<c>acknowledgment</c>, <c>notes</c>, ...), as the
    /// domain decides it: POST to <c>/api/disputes/{disputeId}/{action}</c>. <c>reopening</c> is a supervisor's.
    /// </summary>
    public static string PathOf(DisputeAction action) => action switch
    {
        DisputeAction.Acknowledge => "acknowledgment",
        DisputeAction.IssueProvisionalCredit => "provisional-credits",
        DisputeAction.RequestDocuments => "document-requests",
        DisputeAction.ReceiveDocuments => "documents-received",
        DisputeAction.ContactMerchant => "merchant-contacts",
        DisputeAction.Escalate => "escalation",
        DisputeAction.RecordFinanceCharges => "finance-charges",
        DisputeAction.Resolve => "resolution",
        DisputeAction.Withdraw => "withdrawal",
        DisputeAction.AddNote => "notes",
        DisputeAction.Reopen => "reopening",
        DisputeAction.ApproveResolution => "resolution-approval",
        DisputeAction.RejectResolution => "resolution-rejection",
        DisputeAction.RecordStatementDate => "statement-date",
        DisputeAction.RecordReporting => "reporting",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Every action has a command path."),
    };

    /// <summary>The response for <paramref name="d"/>.</summary>
    public static DisputeResponse From(Dispute d) => new(
        d.Id, d.CaseNumber, d.Status, d.Version, d.AccountId, d.CardLast4, d.ChatSessionId, d.Reason, d.Merchant,
        d.Amount, d.Currency, d.TransactionDate, d.StatementTransmittedOn, d.NoticeReceivedAt, d.ReceivedOn,
        d.TimeZoneId, d.Channel, d.FcbaProtected, d.Description, d.EscalatedTo, d.ProvisionalCredit, d.FinanceCharges,
        d.ForfeitureExposure, ResolutionResponse.From(d.Resolution), DeadlinesResponse.From(d), d.Steps,
        d.Original?.Amount, d.Original?.Currency, Holds.HoldResponse.From(d.Hold),
        DisputeActions.AllowedFor(d).Select(PathOf).ToList(), d.Language, d.Notices, d.QueuedForPost, d.NotYetBilled,
        d.ProcessingTimeZoneId, d.ReceivedOnInProcessingZone, ProposalResponse.From(d.PendingProposal));
}

/// <summary>The resolution waiting for a supervisor's approval.</summary>
/// <param name="ProposalId">Names the proposal; approve or return exactly this one.</param>
/// <param name="Outcome"><c>no_error</c> or <c>partial</c>.</param>
/// <param name="CreditedAmount">Partial: the amount to credit.</param>
/// <param name="Explanation">The explanation the letter will carry.</param>
/// <param name="AmountOwed">What the cardmember would still owe.</param>
/// <param name="PaymentDueOn">When money is owed: the due date the letter will give.</param>
/// <param name="Language">The letter's language.</param>
/// <param name="Channel">How the letter will be sent.</param>
/// <param name="ProposedBy">Who proposed it; another supervisor decides.</param>
/// <param name="ProposedAt">When.</param>
/// <param name="OutdatedBy">What changed on the dispute since, when something did: it can then only be returned.</param>
public sealed record ProposalResponse(
    Guid ProposalId, ResolutionOutcome Outcome, decimal? CreditedAmount, string? Explanation, decimal? AmountOwed, LocalDate? PaymentDueOn,
    NoticeLanguage Language, DeliveryChannel Channel, string ProposedBy, Instant ProposedAt, string? OutdatedBy)
{
    /// <summary>The response for <paramref name="pending"/>; null when nothing waits.</summary>
    public static ProposalResponse? From(Domain.Disputes.Approving.PendingProposal? pending) => pending?.Proposed is not { } p ? null : new(
        p.ProposalId, p.Outcome, p.CreditedAmount, p.Explanation, p.AmountOwed, p.PaymentDueOn, p.Language, p.Channel, p.ProposedBy, p.ProposedAt,
        pending.OutdatedBy);
}

/// <summary>How the dispute was resolved.</summary>
/// <param name="Outcome">Corrected, no error, or partial.</param>
/// <param name="CreditedAmount">The amount credited, for a correction.</param>
/// <param name="Explanation">The explanation, for no error or partial.</param>
/// <param name="AmountOwed">What is still owed.</param>
/// <param name="PaymentDueOn">When money is owed: the date the letter gives.</param>
/// <param name="ResolvedAt">When the resolution was decided (and, by secure message, sent).</param>
/// <param name="ForfeitureApplied">After a missed deadline: the forfeiture left out of what is owed.</param>
/// <param name="LetterByPost">True when its letter went by post: the clocks it meets wait for the mailing.</param>
public sealed record ResolutionResponse(
    ResolutionOutcome Outcome, decimal? CreditedAmount, string? Explanation, decimal? AmountOwed, LocalDate? PaymentDueOn, Instant ResolvedAt,
    decimal? ForfeitureApplied = null, bool LetterByPost = false)
{
    /// <summary>The response for a resolution event, or null.</summary>
    public static ResolutionResponse? From(DisputeResolved? r) =>
        r is null ? null : new(r.Outcome, r.CreditedAmount, r.Explanation, r.AmountOwed, r.PaymentDueOn, r.ResolvedAt, r.ForfeitureApplied, r.LetterByPost);
}

/// <summary>The dispute's three Regulation Z clocks.</summary>
public sealed record DeadlinesResponse(FilingWindowResponse FilingWindow, ClockResponse Acknowledgment, ClockResponse Resolution)
{
    /// <summary>The deadlines of <paramref name="d"/>.</summary>
    public static DeadlinesResponse From(Dispute d) => new(
        FilingWindowResponse.From(d),
        ClockResponse.From(d.AcknowledgmentClock, d.TimeZone),
        ClockResponse.From(d.ResolutionClock, d.TimeZone));
}

/// <summary>The 60-day filing window: its last day and whether the notice arrived by then.</summary>
/// <param name="LastDay">The last day to receive the notice; null while the charge is not yet billed.</param>
/// <param name="Timely">
/// Whether the notice arrived by <paramref name="LastDay"/>; true while not yet billed, as the service treats such a notice.
/// A notice taken as timely stays protected (<c>fcbaProtected</c>) even when the statement date given later shows it late.
/// </param>
/// <param name="NotYetBilled">True while the charge is on no statement yet, so the window is not known.</param>
public sealed record FilingWindowResponse(LocalDate? LastDay, bool Timely, bool NotYetBilled = false)
{
    /// <summary>The window of <paramref name="d"/>.</summary>
    public static FilingWindowResponse From(Dispute d) =>
        d.FilingWindow is { } window ? new(window.LastDay, window.Timely) : new(null, true, true);
}

/// <summary>One running clock.</summary>
/// <param name="DueOn">Last day to act, in the account's time zone.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="BreachesAt">The instant it breaches if still pending (start of the next local day).</param>
/// <param name="MetAt">When it was met.</param>
/// <param name="BreachedAt">When it breached.</param>
/// <param name="Basis">Resolution only: <c>two_cycles</c> or <c>ninety_day_cap</c>.</param>
/// <param name="CapReason">Resolution only: why the cap applied when the calendar fell short.</param>
public sealed record ClockResponse(
    LocalDate? DueOn, ClockStatus Status, Instant? BreachesAt, Instant? MetAt, Instant? BreachedAt, ResolutionBasis? Basis, string? CapReason)
{
    /// <summary>The response for <paramref name="clock"/>.</summary>
    public static ClockResponse From(DeadlineClock clock, DateTimeZone zone) =>
        new(clock.DueOn, clock.Status, clock.IsPending ? clock.BreachInstant(zone) : null, clock.MetAt, clock.BreachedAt, clock.Basis, clock.CapReason);
}

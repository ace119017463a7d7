using System.Globalization;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Domain.Disputes;

/// <summary>
/// A dispute as its events leave it. Immutable: <see cref="Start"/> starts it from
/// <see cref="DisputeOpened"/> and <see cref="Evolve"/> returns the state after each later event.
/// </summary>
public sealed record Dispute
{
    /// <summary>The dispute's stream id.</summary>
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects: the number of events applied.</summary>
    public long Version { get; init; }

    /// <summary>The human-readable case number, e.g. <c>DSP-2025-000042</c>.</summary>
    public string CaseNumber { get; init; } = "";

    /// <summary>The card account the disputed charge was billed to.</summary>
    public string AccountId { get; init; } = "";

    /// <summary>The last four digits of the card.</summary>
    public string CardLast4 { get; init; } = "";

    /// <summary>The chat session the notice came from.</summary>
    public string ChatSessionId { get; init; } = "";

    /// <summary>The kind of billing error asserted.</summary>
    public BillingErrorKind Reason { get; init; }

    /// <summary>The merchant of the disputed charge.</summary>
    public string Merchant { get; init; } = "";

    /// <summary>The disputed amount, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; init; }

    /// <summary>ISO 4217 code of every amount on the dispute: the billing currency, USD.</summary>
    public string Currency { get; init; } = "";

    /// <summary>A foreign transaction's amount in the merchant's currency, as information; null for a dollar charge.</summary>
    public OriginalAmount? Original { get; init; }

    /// <summary>The account's payment period at intake, in days (<see cref="Accounts.Account.PaymentPeriodDays"/>).</summary>
    public int PaymentPeriodDays { get; init; } = Accounts.Account.DefaultPaymentPeriodDays;

    /// <summary>The date of the disputed charge.</summary>
    public LocalDate TransactionDate { get; init; }

    /// <summary>
    /// The date the first statement showing the error was transmitted (or should have been); null while the charge is not
    /// yet billed (<see cref="NotYetBilled"/>).
    /// </summary>
    public LocalDate? StatementTransmittedOn { get; init; }

    /// <summary>When the issuer received the notice.</summary>
    public Instant NoticeReceivedAt { get; init; }

    /// <summary>The receipt's local date in the account's time zone.</summary>
    public LocalDate ReceivedOn { get; init; }

    /// <summary>The issuer's processing time zone the program set at intake; null when it set none.</summary>
    public string? ProcessingTimeZoneId { get; init; }

    /// <summary>The receipt's local date in <see cref="ProcessingTimeZoneId"/>; null without one.</summary>
    public LocalDate? ReceivedOnInProcessingZone { get; init; }

    /// <summary>The account's IANA time zone at intake; deadlines are dates in this zone.</summary>
    public string TimeZoneId { get; init; } = "";

    /// <summary>The cardmember's account of the error.</summary>
    public string Description { get; init; } = "";

    /// <summary>How the notice arrived.</summary>
    public NoticeChannel Channel { get; init; }

    /// <summary>When the dispute was opened in this service.</summary>
    public Instant OpenedAt { get; init; }

    /// <summary>Where the dispute stands.</summary>
    public DisputeStatus Status { get; init; }

    /// <summary>The 60-day filing window and whether the notice met it; null while the charge is not yet billed.</summary>
    public FilingWindow? FilingWindow { get; init; }

    /// <summary>The written-acknowledgment clock (1026.13(c)(1)).</summary>
    public DeadlineClock AcknowledgmentClock { get; init; } = null!;

    /// <summary>The resolution clock (1026.13(c)(2)).</summary>
    public DeadlineClock ResolutionClock { get; init; } = null!;

    /// <summary>When the written acknowledgment was sent, if it was.</summary>
    public Instant? AcknowledgedAt { get; init; }

    /// <summary>Who the dispute was last escalated to, if anyone.</summary>
    public EscalationTarget? EscalatedTo { get; init; }

    /// <summary>Total provisional credit posted, in <see cref="Currency"/>.</summary>
    public decimal ProvisionalCredit { get; init; }

    /// <summary>Finance charges related to the disputed amount recorded so far, in <see cref="Currency"/>.</summary>
    public decimal FinanceCharges { get; init; }

    /// <summary>How the dispute was last resolved, if it was.</summary>
    public DisputeResolved? Resolution { get; init; }

    /// <summary>The cardmember's language, taken from the chat: every notice is written in it unless a step names another.</summary>
    public NoticeLanguage Language { get; init; }

    /// <summary>Every written notice issued to the cardmember, oldest first.</summary>
    public IReadOnlyList<NoticeIssued> Notices { get; init; } = [];

    /// <summary>The letters rendered for the post and waiting in the print queue, not yet sent: they meet no clock.</summary>
    public IReadOnlyList<NoticeQueuedForPost> QueuedForPost { get; init; } = [];

    /// <summary>
    /// The correction or explanation waiting in the print queue, when the dispute was resolved by post and the mail vendor
    /// has not confirmed the mailing yet: until then the resolution's clocks are pending (rule book section 8).
    /// </summary>
    public NoticeQueuedForPost? ResolutionLetterQueued => QueuedForPost.FirstOrDefault(q => NoticeKinds.IsResolution(q.Kind));

    /// <summary>Every request for documents, from the cardmember or the merchant, oldest first.</summary>
    public IReadOnlyList<DocumentsRequested> DocumentRequests { get; init; } = [];

    /// <summary>Every report of 1026.13(g)(4) recorded (the amount reported as in dispute, then its resolution), oldest first.</summary>
    public IReadOnlyList<Reporting.AmountInDisputeReported> Reports { get; init; } = [];

    /// <summary>The resolution proposed and waiting for a supervisor's approval, if one is.</summary>
    public Approving.PendingProposal? PendingProposal { get; init; }

    /// <summary>Every step taken, oldest first.</summary>
    public IReadOnlyList<DisputeStep> Steps { get; init; } = [];

    /// <summary>
    /// The billing-error hold the dispute placed on the account (rule book section 4); null for a late notice, which
    /// holds nothing, and for a dispute opened before holds were kept.
    /// </summary>
    public Holds.BillingErrorHold? Hold { get; init; }

    /// <summary>
    /// True when the acknowledgment and resolution clocks of the Fair Credit Billing Act apply: the notice arrived within
    /// the 60-day window, or was about a charge not yet billed, which is treated as timely. A late notice is still worked,
    /// unprotected. Decided at intake: a statement date recorded later never takes protection away (rule book section 1).
    /// </summary>
    public bool FcbaProtected => AcknowledgmentClock.Status != ClockStatus.NotApplicable;

    /// <summary>
    /// True while the disputed charge is on no statement yet (rule book section 1): the notice was taken as timely, its
    /// clocks run from receipt, and the filing window is unknown until the statement date is recorded.
    /// </summary>
    public bool NotYetBilled => StatementTransmittedOn is null;

    /// <summary>The receipt's day as intake read it, in the account's zone and the processing zone (when one was set).</summary>
    public ReceiptReadings Receipt => new(ReceivedOn, ReceivedOnInProcessingZone);

    /// <summary>The account's time zone.</summary>
    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>Both running clocks.</summary>
    public IEnumerable<DeadlineClock> Clocks => [AcknowledgmentClock, ResolutionClock];

    /// <summary>The clock of the given kind.</summary>
    public DeadlineClock ClockFor(ComplianceClock clock) =>
        clock == ComplianceClock.Acknowledgment ? AcknowledgmentClock : ResolutionClock;

    /// <summary>
    /// What the issuer forfeits under 15 USC 1666(e) once a clock breached or the hold was violated: the disputed
    /// amount plus related finance charges, capped at 50; counted once per dispute. Null while neither happened.
    /// </summary>
    public decimal? ForfeitureExposure => Holds.Noncompliance.Exposure(this, Hold);

    /// <summary>True while the dispute can still be worked: not resolved and not withdrawn.</summary>
    public bool IsActive => Status is DisputeStatus.Open or DisputeStatus.Acknowledged or DisputeStatus.Reopened;

    /// <summary>Starts a dispute from its first event.</summary>
    public static Dispute Start(DisputeOpened e) => new Dispute
    {
        Id = e.DisputeId,
        Version = 1,
        CaseNumber = e.CaseNumber,
        AccountId = e.AccountId,
        CardLast4 = e.CardLast4,
        ChatSessionId = e.ChatSessionId,
        Reason = e.Reason,
        Merchant = e.Merchant,
        Amount = e.Amount,
        Currency = e.Currency,
        Original = e.Original,
        PaymentPeriodDays = e.PaymentPeriodDays ?? Accounts.Account.DefaultPaymentPeriodDays,
        Language = e.Language ?? NoticeLanguages.Default,
        TransactionDate = e.TransactionDate,
        StatementTransmittedOn = e.StatementTransmittedOn,
        NoticeReceivedAt = e.NoticeReceivedAt,
        ReceivedOn = e.ReceivedOn,
        ProcessingTimeZoneId = e.ProcessingTimeZoneId,
        ReceivedOnInProcessingZone = e.ReceivedOnInProcessingZone,
        TimeZoneId = e.TimeZoneId,
        Description = e.Description,
        Channel = e.Channel,
        OpenedAt = e.OpenedAt,
        Status = DisputeStatus.Open,
        FilingWindow = e.FilingWindow,
        AcknowledgmentClock = DeadlineClock.ForAcknowledgment(e),
        ResolutionClock = DeadlineClock.ForResolution(e),
        Steps = [DisputeStep.For(e, 1)],
    };

    /// <summary>The dispute after <paramref name="event"/>.</summary>
    public Dispute Evolve(object @event)
    {
        var version = Version + 1;
        var next = @event switch
        {
            // A postal acknowledgment mailed after the dispute was resolved by a letter still in the print queue
            // acknowledges it, but the dispute stays resolved.
            AcknowledgmentSent e => this with { Status = IsActive ? DisputeStatus.Acknowledged : Status, AcknowledgedAt = e.SentAt },
            ProvisionalCreditIssued e => this with { ProvisionalCredit = ProvisionalCredit + e.Amount },
            DisputeEscalated e => this with { EscalatedTo = e.To },
            FinanceChargesRecorded e => this with { FinanceCharges = FinanceCharges + e.Amount },
            DisputeResolved e => this with { Status = DisputeStatus.Resolved, Resolution = e },
            DisputeWithdrawn => this with { Status = DisputeStatus.Withdrawn },
            DisputeReopened => this with { Status = DisputeStatus.Reopened },
            NoticeIssued e => this with { Notices = [.. Notices, e], QueuedForPost = [.. QueuedForPost.Where(q => q.NoticeId != e.NoticeId)] },
            NoticeQueuedForPost e => this with { QueuedForPost = [.. QueuedForPost, e] },
            DocumentsRequested e => this with { DocumentRequests = [.. DocumentRequests, e] },
            Reporting.AmountInDisputeReported e => this with { Reports = [.. Reports, e] },
            StatementDateRecorded e => this with { StatementTransmittedOn = e.StatementTransmittedOn, FilingWindow = e.FilingWindow },
            _ => this,
        };
        return next with
        {
            Version = version,
            PendingProposal = PendingProposal is { } pending ? pending.Evolve(@event)
                : @event is Approving.ResolutionProposed proposed ? new Approving.PendingProposal(proposed) : null,
            Hold = @event is Holds.HoldPlaced placed ? Holds.BillingErrorHold.Start(placed) : Hold?.Evolve(@event),
            AcknowledgmentClock = AcknowledgmentClock.Evolve(@event),
            ResolutionClock = ResolutionClock.Evolve(@event),
            Steps = [.. Steps, DisputeStep.For(@event, version)],
        };
    }

    /// <summary>Folds a whole stream, oldest event first; null when it holds no <see cref="DisputeOpened"/>.</summary>
    public static Dispute? Replay(IEnumerable<object> events)
    {
        Dispute? dispute = null;
        foreach (var e in events)
        {
            dispute = dispute is null ? e is DisputeOpened opened ? Start(opened) : null : dispute.Evolve(e);
        }

        return dispute;
    }

    /// <summary>
    /// The breaches that have happened by <paramref name="now"/> but are not yet recorded: every pending
    /// clock whose breach instant is not after <paramref name="now"/>. Each command records them first, so a
    /// late action never counts as met even if the breach timer has not fired yet.
    /// </summary>
    public IReadOnlyList<DeadlineBreached> BreachesDueBy(Instant now)
    {
        var zone = TimeZone;
        return Clocks
            .Where(c => c.IsPending && c.BreachInstant(zone) <= now)
            .Select(c => new DeadlineBreached(c.Clock, c.DueOn!.Value, c.BreachInstant(zone)!.Value, Forfeiture.Exposure(Amount, FinanceCharges)))
            .ToList();
    }

    /// <summary>Throws <see cref="DisputeRuleViolation"/> unless the dispute can still be worked.</summary>
    public void EnsureActive(string step)
    {
        if (Status == DisputeStatus.Withdrawn)
        {
            throw new DisputeRuleViolation(DisputeRule.Withdrawn, $"Cannot {step}: the cardmember withdrew this dispute.");
        }

        if (Status == DisputeStatus.Resolved)
        {
            throw new DisputeRuleViolation(DisputeRule.Resolved, $"Cannot {step}: the dispute is resolved. Reopen it as a reassertion first.");
        }
    }

    internal static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {currency}");
}

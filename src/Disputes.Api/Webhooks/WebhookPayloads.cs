using System.Text.Json;
using Disputes.Api.Hosting;
using Disputes.Api.ServiceDefaults;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using JasperFx.Events;
using NodaTime;

namespace Disputes.Api.Webhooks;

/// <summary>
/// The body of every webhook, in the shape the Standard Webhooks specification recommends. Payloads are thin: ids, the
/// case number, the type, the instant, and the amounts and dates a receiver acts on; never free text (no description,
/// note, reason or explanation), which a receiver can read through the API when it needs it.
/// </summary>
/// <typeparam name="TData">The data of the event type.</typeparam>
/// <param name="Type">The event type, e.g. <c>dispute.opened</c>.</param>
/// <param name="Timestamp">When it happened in business time (the notice's receipt, the breach instant, ...).</param>
/// <param name="Data">What happened.</param>
public sealed record WebhookPayload<TData>(string Type, Instant Timestamp, TData Data);

/// <summary>What every payload's data starts with.</summary>
public interface IDisputeReference
{
    /// <summary>The dispute.</summary>
    Guid DisputeId { get; }

    /// <summary>Its case number, e.g. <c>DSP-2025-000042</c>.</summary>
    string CaseNumber { get; }

    /// <summary>The card account it is about.</summary>
    string AccountId { get; }

    /// <summary>
    /// The dispute's stream version after this event (1 for the opening). Versions of one dispute only grow: a receiver
    /// that has seen a higher version has seen everything before it, and can tell a late or repeated delivery by it.
    /// </summary>
    long StreamVersion { get; }
}

/// <summary>Data of <c>dispute.opened</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="BillingError">The kind of billing error asserted (1026.13(a)).</param>
/// <param name="Amount">The disputed amount.</param>
/// <param name="Currency">ISO 4217 code of every amount: USD.</param>
/// <param name="TransactionDate">The date of the disputed charge.</param>
/// <param name="NoticeReceivedAt">When the issuer received the notice; the clocks and any hold run from it.</param>
/// <param name="ReceivedOn">Its date in the account's time zone.</param>
/// <param name="FcbaProtected">Whether the clocks and holds of the act apply: the notice came within the 60-day window, or about a charge not yet billed.</param>
/// <param name="AcknowledgmentDueOn">Last day for the written acknowledgment; absent for a late notice.</param>
/// <param name="ResolutionDueOn">Last day for the resolution; absent for a late notice.</param>
public sealed record DisputeOpenedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion,
    BillingErrorKind BillingError, decimal Amount, string Currency, LocalDate TransactionDate, Instant NoticeReceivedAt, LocalDate ReceivedOn,
    bool FcbaProtected, LocalDate? AcknowledgmentDueOn, LocalDate? ResolutionDueOn) : IDisputeReference;

/// <summary>Data of <c>dispute.acknowledged</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="SentAt">When the acknowledgment was sent.</param>
public sealed record DisputeAcknowledgedData(Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, Instant SentAt) : IDisputeReference;

/// <summary>Data of <c>dispute.deadline_at_risk</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="Clock">Which clock.</param>
/// <param name="DueOn">Its due date.</param>
/// <param name="DaysBefore">How many days before the due date this warning was set for.</param>
/// <param name="WarnedAt">When the warning was recorded.</param>
public sealed record DeadlineAtRiskData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, ComplianceClock Clock, LocalDate DueOn, int DaysBefore, Instant WarnedAt)
    : IDisputeReference;

/// <summary>Data of <c>dispute.deadline_breached</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="Clock">Which clock.</param>
/// <param name="DueOn">The due date missed.</param>
/// <param name="BreachedAt">The breach instant: the start of the day after the due date, account time.</param>
/// <param name="ForfeitureExposure">What the issuer may forfeit under 15 USC 1666(e), at most 50.</param>
/// <param name="Currency">ISO 4217 code of the amount.</param>
public sealed record DeadlineBreachedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, ComplianceClock Clock, LocalDate DueOn, Instant BreachedAt,
    decimal ForfeitureExposure, string Currency) : IDisputeReference;

/// <summary>Data of <c>dispute.resolved</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="Outcome">Corrected, no error, or partial.</param>
/// <param name="CreditedAmount">For a correction: the amount credited, related charges included.</param>
/// <param name="AmountOwed">For an explanation: what the cardmember still owes (0 when nothing).</param>
/// <param name="PaymentDueOn">When money is owed: the date it is due; until then it may be neither collected nor reported as delinquent.</param>
/// <param name="ForfeitureApplied">After a missed clock: the forfeiture left out of the amount owed.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="ResolvedAt">When the correction or explanation was sent.</param>
public sealed record DisputeResolvedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, ResolutionOutcome Outcome, decimal? CreditedAmount,
    decimal? AmountOwed, LocalDate? PaymentDueOn, decimal? ForfeitureApplied, string Currency, Instant ResolvedAt) : IDisputeReference;

/// <summary>Data of <c>dispute.withdrawn</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="WithdrawnAt">When the cardmember withdrew it.</param>
public sealed record DisputeWithdrawnData(Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, Instant WithdrawnAt) : IDisputeReference;

/// <summary>Data of <c>dispute.reopened</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="ReopenedAt">When the error was reasserted.</param>
/// <param name="FullyCompliedWith">False when a clock had been missed before, so the forfeiture stays.</param>
public sealed record DisputeReopenedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, Instant ReopenedAt, bool? FullyCompliedWith) : IDisputeReference;

/// <summary>What a hold forbids and requires while it stands at one stage.</summary>
/// <param name="Stage">The hold's stage.</param>
/// <param name="CollectionForbidden">The held amount may not be collected.</param>
/// <param name="AutopayDeductionForbidden">The issuer's autopay may not deduct the held amount (see the autopay cut-off).</param>
/// <param name="DelinquentReportForbidden">The held amount may not be reported as delinquent or adversely.</param>
/// <param name="DelinquentReportOnlyAsInDispute">The held amount may be reported as delinquent only as also in dispute.</param>
/// <param name="ReportAsInDisputeRequired">A furnisher reports the held amount as in dispute.</param>
/// <param name="RestrictionForbidden">The account may not be closed or restricted for using the right.</param>
/// <param name="PaymentDueOn">In a payment period: the date the amount owed is due.</param>
/// <param name="Until">When these terms end by themselves; absent while they last until the dispute moves on.</param>
public sealed record HoldTermsData(
    HoldStage Stage, bool CollectionForbidden, bool AutopayDeductionForbidden, bool DelinquentReportForbidden,
    bool DelinquentReportOnlyAsInDispute, bool ReportAsInDisputeRequired, bool RestrictionForbidden, LocalDate? PaymentDueOn, Instant? Until)
{
    /// <summary>The terms as the domain records them.</summary>
    public static HoldTermsData From(HoldTerms terms) => new(
        terms.Stage, terms.CollectionForbidden, terms.AutopayDeductionForbidden, terms.DelinquentReportForbidden,
        terms.DelinquentReportOnlyAsInDispute, terms.ReportAsInDisputeRequired, terms.RestrictionForbidden, terms.PaymentDueOn, terms.Until);
}

/// <summary>Whether the issuer's autopay must leave the held amount out (1026.13(d)(1), the 3-business-day cut-off).</summary>
/// <param name="Exclusion">Not applicable (no autopay), from the scheduled payment, or from later payments only.</param>
/// <param name="ScheduledOn">The next scheduled automatic payment when the notice arrived.</param>
/// <param name="CutoffOn">The last day on which the notice had to arrive for that payment to leave the amount out.</param>
public sealed record AutopayData(AutopayExclusion Exclusion, LocalDate? ScheduledOn, LocalDate? CutoffOn);

/// <summary>Data of <c>hold.placed</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="DisputedAmount">The disputed amount.</param>
/// <param name="RelatedCharges">Related charges recorded so far.</param>
/// <param name="Amount">What is held: the two together.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="Terms">What the hold forbids and requires.</param>
/// <param name="Autopay">Whether autopay must leave the amount out, and from which payment.</param>
/// <param name="PlacedAt">When the hold took effect: the notice's receipt.</param>
public sealed record HoldPlacedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, decimal DisputedAmount, decimal RelatedCharges, decimal Amount,
    string Currency, HoldTermsData Terms, AutopayData Autopay, Instant PlacedAt) : IDisputeReference;

/// <summary>Data of <c>hold.changed</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="Amount">What is held from now on.</param>
/// <param name="Currency">ISO 4217 code of the amount.</param>
/// <param name="Terms">What the hold forbids and requires from now on.</param>
/// <param name="Change">What changed it.</param>
/// <param name="ChangedAt">When.</param>
public sealed record HoldChangedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, decimal Amount, string Currency, HoldTermsData Terms, HoldChange Change,
    Instant ChangedAt) : IDisputeReference;

/// <summary>Data of <c>hold.released</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="Release">What ended it.</param>
/// <param name="Credited">For a correction: the amount credited.</param>
/// <param name="Currency">ISO 4217 code of the amount.</param>
/// <param name="ReleasedAt">When.</param>
public sealed record HoldReleasedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, HoldRelease Release, decimal? Credited, string Currency, Instant ReleasedAt)
    : IDisputeReference;

/// <summary>Data of <c>hold.violated</c>.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="Activity">What the reporting system said it did.</param>
/// <param name="ActivityAt">When it did it.</param>
/// <param name="ActivityAmount">For a collection attempt or an autopay debit: the amount sought or taken.</param>
/// <param name="ReportedStatus">For a bureau report: how the amount was reported.</param>
/// <param name="Stage">The hold's stage when the activity happened.</param>
/// <param name="HeldAmount">What the hold held then.</param>
/// <param name="Rule">The duty broken, e.g. <c>12 CFR 1026.13(d)(1)</c>.</param>
/// <param name="ForfeitureExposure">min(disputed amount + related charges, 50).</param>
/// <param name="ForfeitureAlreadyCounted">True when the forfeiture was already at stake, so the exposure is not a second one.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="RecordedAt">When the violation was recorded.</param>
public sealed record HoldViolatedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, ActivityKind Activity, Instant ActivityAt, decimal? ActivityAmount,
    CreditReportStatus? ReportedStatus, HoldStage Stage, decimal HeldAmount, string Rule, decimal ForfeitureExposure, bool ForfeitureAlreadyCounted,
    string Currency, Instant RecordedAt) : IDisputeReference;

/// <summary>Data of <c>notice.issued</c>: which letter went out; never its text.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="StreamVersion">The dispute's stream version after this event.</param>
/// <param name="NoticeId">The letter's id.</param>
/// <param name="Kind">Which notice.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="Channel">How it was sent.</param>
/// <param name="TemplateVersion">The version of the reviewed template it was rendered from.</param>
/// <param name="PdfSha256">Lower-case hex SHA-256 of the letter's PDF.</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record NoticeIssuedData(
    Guid DisputeId, string CaseNumber, string AccountId, long StreamVersion, Guid NoticeId, Domain.Notices.NoticeKind Kind,
    Domain.Notices.NoticeLanguage Language, Domain.Notices.DeliveryChannel Channel, string TemplateVersion, string PdfSha256, Instant SentAt)
    : IDisputeReference;

/// <summary>A webhook derived from one stored event: its type and its body, the same for every subscription.</summary>
/// <param name="Type">The event type.</param>
/// <param name="OccurredAt">The payload's <c>timestamp</c>.</param>
/// <param name="Body">The JSON body as sent and signed.</param>
public sealed record WebhookMessage(string Type, Instant OccurredAt, string Body);

/// <summary>Turns the events of a dispute's stream into webhook payloads.</summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = DisputesJson.Configure(new JsonSerializerOptions());

    /// <summary>The event types the catalogue derives from, for the event store's filter.</summary>
    public static IReadOnlyList<Type> SourceEvents { get; } =
    [
        typeof(DisputeOpened), typeof(AcknowledgmentSent), typeof(DeadlineApproaching), typeof(DeadlineBreached), typeof(DisputeResolved),
        typeof(DisputeWithdrawn), typeof(DisputeReopened), typeof(HoldPlaced), typeof(HoldChanged), typeof(HoldReleased), typeof(HoldViolated),
        typeof(Domain.Notices.NoticeIssued),
    ];

    /// <summary>
    /// The webhook of <paramref name="e"/> on <paramref name="dispute"/> (the dispute's case number and account never
    /// change, so its current state names them); null for an event the catalogue does not send.
    /// </summary>
    public static WebhookMessage? For(IEvent e, Dispute dispute)
    {
        var (id, number, account, version, currency) = (dispute.Id, dispute.CaseNumber, dispute.AccountId, e.Version, dispute.Currency);
        return e.Data switch
        {
            DisputeOpened o => Message(WebhookCatalogue.DisputeOpened, o.NoticeReceivedAt, new DisputeOpenedData(
                id, o.CaseNumber, o.AccountId, version, o.Reason, o.Amount, o.Currency, o.TransactionDate, o.NoticeReceivedAt, o.ReceivedOn,
                o.AcknowledgmentDueOn is not null, o.AcknowledgmentDueOn, o.ResolutionDeadline?.DueOn)),
            AcknowledgmentSent a => Message(WebhookCatalogue.DisputeAcknowledged, a.SentAt,
                new DisputeAcknowledgedData(id, number, account, version, a.SentAt)),
            DeadlineApproaching w => Message(WebhookCatalogue.DeadlineAtRisk, w.WarnedAt,
                new DeadlineAtRiskData(id, number, account, version, w.Clock, w.DueOn, w.DaysBefore, w.WarnedAt)),
            DeadlineBreached b => Message(WebhookCatalogue.DeadlineBreached, b.BreachedAt,
                new DeadlineBreachedData(id, number, account, version, b.Clock, b.DueOn, b.BreachedAt, b.ForfeitureExposure, currency)),
            DisputeResolved r => Message(WebhookCatalogue.DisputeResolved, r.ResolvedAt, new DisputeResolvedData(
                id, number, account, version, r.Outcome, r.CreditedAmount, r.AmountOwed, r.PaymentDueOn, r.ForfeitureApplied, currency, r.ResolvedAt)),
            DisputeWithdrawn w => Message(WebhookCatalogue.DisputeWithdrawn, w.WithdrawnAt,
                new DisputeWithdrawnData(id, number, account, version, w.WithdrawnAt)),
            DisputeReopened r => Message(WebhookCatalogue.DisputeReopened, r.ReopenedAt,
                new DisputeReopenedData(id, number, account, version, r.ReopenedAt, r.FullyCompliedWith)),
            HoldPlaced h => Message(WebhookCatalogue.HoldPlaced, h.PlacedAt, new HoldPlacedData(
                id, number, account, version, h.DisputedAmount, h.RelatedCharges, h.Amount, h.Currency, HoldTermsData.From(h.Terms),
                new AutopayData(h.Autopay.Exclusion, h.Autopay.ScheduledOn, h.Autopay.CutoffOn), h.PlacedAt)),
            HoldChanged h => Message(WebhookCatalogue.HoldChanged, h.ChangedAt,
                new HoldChangedData(id, number, account, version, h.Amount, currency, HoldTermsData.From(h.Terms), h.Why, h.ChangedAt)),
            HoldReleased h => Message(WebhookCatalogue.HoldReleased, h.ReleasedAt,
                new HoldReleasedData(id, number, account, version, h.Why, h.Credited, currency, h.ReleasedAt)),
            // Why (a sentence) and the activity's stated cause are free text, and stay out.
            HoldViolated v => Message(WebhookCatalogue.HoldViolated, v.RecordedAt, new HoldViolatedData(
                id, number, account, version, v.Activity.Kind, v.Activity.At, v.Activity.Amount, v.Activity.ReportedStatus, v.Stage, v.HeldAmount,
                v.Rule, v.ForfeitureExposure, v.ForfeitureAlreadyCounted, currency, v.RecordedAt)),
            Domain.Notices.NoticeIssued n => Message(WebhookCatalogue.NoticeIssued, n.SentAt, new NoticeIssuedData(
                id, number, account, version, n.NoticeId, n.Kind, n.Language, n.Channel, n.TemplateVersion, n.PdfSha256, n.SentAt)),
            _ => null,
        };
    }

    private static WebhookMessage Message<TData>(string type, Instant at, TData data) =>
        new(type, at, JsonSerializer.Serialize(new WebhookPayload<TData>(type, at, data), Json));
}

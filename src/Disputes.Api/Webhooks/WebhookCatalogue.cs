namespace Disputes.Api.Webhooks;

/// <summary>One kind of webhook a subscription can ask for.</summary>
/// <param name="Name">The type as sent in the payload's <c>type</c>, e.g. <c>dispute.opened</c>.</param>
/// <param name="Description">What it tells the receiver, for the OpenAPI document.</param>
/// <param name="Data">The type of the payload's <c>data</c>.</param>
public sealed record WebhookEventType(string Name, string Description, Type Data);

/// <summary>
/// The event types the service sends, each derived from one event of a dispute's stream. The list is the contract:
/// subscriptions are validated against it, and the OpenAPI document describes each under <c>webhooks</c>.
/// </summary>
public static class WebhookCatalogue
{
    /// <summary>A dispute was opened (<c>dispute_opened</c>).</summary>
    public const string DisputeOpened = "dispute.opened";

    /// <summary>The written acknowledgment was sent (<c>acknowledgment_sent</c>).</summary>
    public const string DisputeAcknowledged = "dispute.acknowledged";

    /// <summary>A pending clock's due date is near (<c>deadline_approaching</c>).</summary>
    public const string DeadlineAtRisk = "dispute.deadline_at_risk";

    /// <summary>A clock passed its due date with the duty undone (<c>deadline_breached</c>).</summary>
    public const string DeadlineBreached = "dispute.deadline_breached";

    /// <summary>The dispute was resolved (<c>resolved</c>).</summary>
    public const string DisputeResolved = "dispute.resolved";

    /// <summary>The cardmember withdrew the dispute (<c>withdrawn</c>).</summary>
    public const string DisputeWithdrawn = "dispute.withdrawn";

    /// <summary>A resolved dispute was reasserted (<c>reopened</c>).</summary>
    public const string DisputeReopened = "dispute.reopened";

    /// <summary>A billing-error hold was placed (<c>hold_placed</c>).</summary>
    public const string HoldPlaced = "hold.placed";

    /// <summary>A hold's amount or terms changed (<c>hold_changed</c>).</summary>
    public const string HoldChanged = "hold.changed";

    /// <summary>A hold ended (<c>hold_released</c>).</summary>
    public const string HoldReleased = "hold.released";

    /// <summary>Activity on the account broke a hold (<c>hold_violated</c>).</summary>
    public const string HoldViolated = "hold.violated";

    /// <summary>A written notice was sent to the cardmember (<c>notice_issued</c>).</summary>
    public const string NoticeIssued = "notice.issued";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static IReadOnlyList<WebhookEventType> All { get; } =
    [
        new(DisputeOpened, "A billing-error dispute was opened: its amount, the dates its clocks run to and whether the Fair Credit Billing Act protects it.", typeof(DisputeOpenedData)),
        new(DisputeAcknowledged, "The written acknowledgment of 12 CFR 1026.13(c)(1) was sent.", typeof(DisputeAcknowledgedData)),
        new(DeadlineAtRisk, "A pending clock (acknowledgment or resolution) is due soon; sent once per configured lead time.", typeof(DeadlineAtRiskData)),
        new(DeadlineBreached, "A clock passed its due date with the duty undone; the issuer's forfeiture exposure under 15 USC 1666(e).", typeof(DeadlineBreachedData)),
        new(DisputeResolved, "The dispute was resolved: corrected, no error, or in part, with what was credited and what is still owed and when.", typeof(DisputeResolvedData)),
        new(DisputeWithdrawn, "The cardmember withdrew the dispute; its clocks stopped.", typeof(DisputeWithdrawnData)),
        new(DisputeReopened, "The cardmember reasserted the error after resolution (12 CFR 1026.13(h)); no clock starts again.", typeof(DisputeReopenedData)),
        new(HoldPlaced, "A billing-error hold was placed on the disputed amount: what it forbids and requires, and whether autopay must leave the amount out.", typeof(HoldPlacedData)),
        new(HoldChanged, "A hold's amount or terms changed (finance charges recorded, an explanation's payment period, a reassertion).", typeof(HoldChangedData)),
        new(HoldReleased, "A hold ended; nothing about the dispute's amount is forbidden from now on.", typeof(HoldReleasedData)),
        new(HoldViolated, "Activity on the account broke a hold: which activity, the duty broken and the forfeiture exposure.", typeof(HoldViolatedData)),
        new(NoticeIssued, "A written notice (acknowledgment, request for documents, correction, explanation, notice of reporting) was sent to the cardmember: its kind, language, channel and the SHA-256 of the letter.", typeof(NoticeIssuedData)),
    ];

    /// <summary>The names of every type.</summary>
    public static IReadOnlySet<string> Names { get; } = All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
}

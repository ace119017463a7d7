using System.Security.Cryptography;
using Marten.Schema;
using NodaTime;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for its first attempt (or for its replay).</summary>
    Pending,

    /// <summary>Waiting behind an earlier delivery of the same dispute to the same subscription, which has not finished.</summary>
    Held,

    /// <summary>An attempt failed in a way worth retrying (timeout, 429, 5xx); the next is scheduled.</summary>
    Retrying,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The receiver refused it (4xx other than 429, 410 Gone, a redirect) or its address was refused; not retried.</summary>
    Failed,

    /// <summary>Given up: the retries were used up.</summary>
    Abandoned,

    /// <summary>
    /// Not sent because the subscription was disabled: when its turn came, or already when its event was stored. It stays
    /// in the log, and once the subscription is enabled again a replay sends it.
    /// </summary>
    Skipped,
}

/// <summary>What one attempt came to.</summary>
public enum WebhookAttemptOutcome
{
    /// <summary>2xx.</summary>
    Delivered,

    /// <summary>429, 5xx or 408: retried later.</summary>
    RetryableStatus,

    /// <summary>No answer within the timeout: retried later.</summary>
    Timeout,

    /// <summary>The connection failed (refused, reset, DNS): retried later.</summary>
    ConnectionFailed,

    /// <summary>410 Gone: the subscription is disabled.</summary>
    Gone,

    /// <summary>Another 4xx, or a redirect (never followed): not retried.</summary>
    Refused,

    /// <summary>The receiver's host resolved to an address webhooks may not reach (SSRF): not sent, not retried.</summary>
    DestinationRefused,
}

/// <summary>One attempt to deliver a webhook.</summary>
/// <param name="At">When it was made.</param>
/// <param name="StatusCode">The receiver's status code; absent when none came.</param>
/// <param name="LatencyMs">How long the request took, in milliseconds.</param>
/// <param name="Outcome">What it came to.</param>
/// <param name="Replay">True for an attempt of a replay asked for through the API.</param>
public sealed record WebhookAttempt(Instant At, int? StatusCode, long LatencyMs, WebhookAttemptOutcome Outcome, bool Replay);

/// <summary>
/// One webhook to one subscription, derived from one stored event: its body (the same for every subscription), where it
/// stands and every attempt. The lane of a delivery is its subscription and dispute; deliveries of one lane are sent in
/// the order of the events (<see cref="Sequence"/>), none before an earlier one has finished.
/// </summary>
/// <remarks>
/// Optimistic concurrency makes every change a compare-and-set on the document's version, and <see cref="Ticket"/>
/// names the one message allowed to act on it: whoever changes a delivery and sends a message for it raises the ticket
/// in the same transaction, so a stale or duplicate message finds another ticket and does nothing.
/// </remarks>
[UseOptimisticConcurrency]
public sealed record WebhookDelivery
{
    /// <summary>Marten's hook for the table's columns and indexes (<see cref="WebhookDeliveryStorage"/>).</summary>
    public static void ConfigureMarten(DocumentMapping mapping) => WebhookDeliveryStorage.Configure((DocumentMapping<WebhookDelivery>)mapping);

    /// <summary>The delivery's id, derived from the subscription and the event (<see cref="IdFor"/>).</summary>
    public Guid Id { get; init; }

    /// <summary>The subscription it is sent to.</summary>
    public Guid SubscriptionId { get; init; }

    /// <summary>The dispute the event is about.</summary>
    public Guid DisputeId { get; init; }

    /// <summary>The event's id in the event store.</summary>
    public Guid EventId { get; init; }

    /// <summary>The event's sequence number in the event store: the order of delivery within a lane.</summary>
    public long Sequence { get; init; }

    /// <summary>The dispute's stream version after the event.</summary>
    public long StreamVersion { get; init; }

    /// <summary>The event type, e.g. <c>dispute.opened</c>.</summary>
    public string EventType { get; init; } = "";

    /// <summary>The JSON body as signed and sent.</summary>
    public string Body { get; init; } = "";

    /// <summary>The payload's timestamp: when the event happened in business time.</summary>
    public Instant OccurredAt { get; init; }

    /// <summary>When the event store recorded the event; time-range replays select on it.</summary>
    public Instant RecordedAt { get; init; }

    /// <summary>Where it stands.</summary>
    public WebhookDeliveryState State { get; init; }

    /// <summary>The ticket of the one message that may act on it now.</summary>
    public int Ticket { get; init; }

    /// <summary>While retrying: when the next attempt is due.</summary>
    public Instant? NextAttemptAt { get; init; }

    /// <summary>While an attempt is in flight: until when no other message may make one (a node that died mid-attempt frees it then).</summary>
    public Instant? ClaimedUntil { get; init; }

    /// <summary>While held: the earlier delivery of the lane it waits for.</summary>
    public Guid? HeldBehind { get; init; }

    /// <summary>How many failed attempts the current round (the first sending, or the last replay) has had.</summary>
    public int FailedInRound { get; init; }

    /// <summary>Whether the current round is a replay asked for through the API.</summary>
    public bool Replaying { get; init; }

    /// <summary>Every attempt, oldest first (the latest <see cref="MaxAttemptsKept"/>).</summary>
    public IReadOnlyList<WebhookAttempt> Attempts { get; init; } = [];

    /// <summary>How many attempts a delivery keeps in its log.</summary>
    public const int MaxAttemptsKept = 100;

    /// <summary>The Standard Webhooks message id: the same on every attempt and replay, so a receiver can tell a repeat.</summary>
    public string WebhookId => $"msg_{Id:N}";

    /// <summary>Whether it has finished: delivered, failed, abandoned or skipped.</summary>
    public bool Finished => IsFinished(State);

    /// <summary>The states a delivery ends in: delivered, failed, abandoned and skipped; only a replay moves it on.</summary>
    public static readonly IReadOnlyList<WebhookDeliveryState> FinishedStates =
        [WebhookDeliveryState.Delivered, WebhookDeliveryState.Failed, WebhookDeliveryState.Abandoned, WebhookDeliveryState.Skipped];

    /// <summary>Whether <paramref name="state"/> is one a delivery ends in.</summary>
    public static bool IsFinished(WebhookDeliveryState state) => state is WebhookDeliveryState.Delivered or WebhookDeliveryState.Failed
        or WebhookDeliveryState.Abandoned or WebhookDeliveryState.Skipped;

    /// <summary>The delivery of event <paramref name="eventId"/> to <paramref name="subscriptionId"/>: a name-based id, so deriving it twice finds the first.</summary>
    public static Guid IdFor(Guid subscriptionId, Guid eventId)
    {
        Span<byte> input = stackalloc byte[32];
        subscriptionId.TryWriteBytes(input[..16], bigEndian: true, out _);
        eventId.TryWriteBytes(input[16..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // RFC 9562 version 8 (custom) with the RFC variant.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>This delivery after <paramref name="attempt"/>, the log trimmed to <see cref="MaxAttemptsKept"/>.</summary>
    public WebhookDelivery WithAttempt(WebhookAttempt attempt) =>
        this with { Attempts = [.. Attempts.Skip(Math.Max(0, Attempts.Count + 1 - MaxAttemptsKept)), attempt] };
}

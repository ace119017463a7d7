using System.Security.Cryptography;
using Marten.Schema;
using NodaTime;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>Whether a subscription is sent webhooks.</summary>
public enum WebhookSubscriptionState
{
    /// <summary>New events are delivered to it.</summary>
    Active,

    /// <summary>
    /// Nothing is sent: its receiver answered 410 Gone. Its deliveries are still recorded, as skipped, until an integrator
    /// enables it again.
    /// </summary>
    Disabled,
}

/// <summary>
/// A downstream system's subscription: where to send which event types, and the secrets the deliveries are signed
/// with. Stored as a Marten document; the secrets are kept because every delivery is signed with them, and they are
/// shown once only (in the answer that makes them) and never logged.
/// </summary>
[UseOptimisticConcurrency]
public sealed record WebhookSubscription
{
    /// <summary>The subscription's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The receiver's URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>The event types sent to it (names from <see cref="WebhookCatalogue"/>).</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>The signing secrets, newest first; an older one stays valid until its <see cref="WebhookSecret.ExpiresAt"/>.</summary>
    public IReadOnlyList<WebhookSecret> Secrets { get; init; } = [];

    /// <summary>Whether it is sent webhooks.</summary>
    public WebhookSubscriptionState State { get; init; }

    /// <summary>When it was made.</summary>
    public Instant CreatedAt { get; init; }

    /// <summary>Who made it, <c>role:subject</c>.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>
    /// The event store's last sequence number when it was made: only events stored after it are sent, so a new
    /// subscription does not receive the whole history (a replay asks for past deliveries explicitly).
    /// </summary>
    public long AfterSequence { get; init; }

    /// <summary>When it was last disabled; kept once it is enabled again, so the gap it missed stays known.</summary>
    public Instant? DisabledAt { get; init; }

    /// <summary>Why it was last disabled, in the service's words.</summary>
    public string? DisabledBecause { get; init; }

    /// <summary>When an integrator last enabled it again after it was disabled.</summary>
    public Instant? EnabledAt { get; init; }

    /// <summary>Who enabled it again, <c>role:subject</c>.</summary>
    public string? EnabledBy { get; init; }

    /// <summary>
    /// Whether an event of <paramref name="type"/>, stored at <paramref name="sequence"/>, becomes a delivery of it: sent
    /// while it is active, recorded as skipped while it is disabled.
    /// </summary>
    public bool Covers(string type, long sequence) => sequence > AfterSequence && EventTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with: the current one, and any still in its overlap.</summary>
    public IReadOnlyList<WebhookSecret> SecretsAt(Instant now) => Secrets.Where(s => s.ExpiresAt is null || s.ExpiresAt > now).ToList();
}

/// <summary>
/// A signing secret in the Standard Webhooks form: <c>whsec_</c> and the base64 of 32 random bytes (the specification
/// asks for 24 to 64). Its <see cref="ToString"/> never shows the value, so a secret logged by mistake is not leaked.
/// </summary>
/// <param name="Value">The secret, <c>whsec_...</c>.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiresAt">When a rotation replaced it, plus the overlap; null for the current secret.</param>
public sealed record WebhookSecret(string Value, Instant CreatedAt, Instant? ExpiresAt)
{
    /// <summary>The prefix of the Standard Webhooks secret format.</summary>
    public const string Prefix = "whsec_";

    /// <summary>How many random bytes a secret holds.</summary>
    public const int Bytes = 32;

    /// <summary>How long a replaced secret still signs deliveries, so a receiver can switch without losing any.</summary>
    public static readonly Duration Overlap = Duration.FromHours(24);

    /// <summary>A new random secret.</summary>
    public static WebhookSecret New(Instant now) => new(Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)), now, null);

    /// <inheritdoc />
    public override string ToString() => $"WebhookSecret {{ CreatedAt = {CreatedAt}, ExpiresAt = {ExpiresAt} }}";
}

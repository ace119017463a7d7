using NodaTime;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>A subscription as the API shows it: everything but the secrets' values.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">The receiver's URL.</param>
/// <param name="EventTypes">The event types sent to it.</param>
/// <param name="State"><c>active</c>, or <c>disabled</c> once its receiver answered 410 Gone (until an integrator enables it again).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">Who made it, <c>role:subject</c>.</param>
/// <param name="Secrets">Its valid signing secrets, newest first, without their values.</param>
/// <param name="DisabledAt">When it was last disabled; still shown once it is enabled again.</param>
/// <param name="DisabledBecause">Why.</param>
/// <param name="EnabledAt">When it was last enabled again after being disabled.</param>
/// <param name="EnabledBy">Who enabled it again, <c>role:subject</c>.</param>
public sealed record WebhookSubscriptionView(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    WebhookSubscriptionState State,
    Instant CreatedAt,
    string CreatedBy,
    IReadOnlyList<WebhookSecretView> Secrets,
    Instant? DisabledAt,
    string? DisabledBecause,
    Instant? EnabledAt = null,
    string? EnabledBy = null)
{
    /// <summary>The view of <paramref name="subscription"/> at <paramref name="now"/>.</summary>
    public static WebhookSubscriptionView Of(WebhookSubscription subscription, Instant now) => new(
        subscription.Id, subscription.Url, subscription.EventTypes, subscription.State, subscription.CreatedAt, subscription.CreatedBy,
        subscription.SecretsAt(now).Select(s => new WebhookSecretView(s.CreatedAt, s.ExpiresAt)).ToList(),
        subscription.DisabledAt, subscription.DisabledBecause, subscription.EnabledAt, subscription.EnabledBy);
}

/// <summary>A signing secret, without its value.</summary>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiresAt">When it stops signing (a rotation's overlap); absent for the current secret.</param>
public sealed record WebhookSecretView(Instant CreatedAt, Instant? ExpiresAt);

/// <summary>The answer that shows a secret: the one time its value is shown.</summary>
/// <param name="Secret">The signing secret, <c>whsec_</c> + base64; keep it, it is not shown again.</param>
/// <param name="Subscription">The subscription.</param>
public sealed record WebhookSecretIssued(string Secret, WebhookSubscriptionView Subscription);

/// <summary>Every subscription, oldest first.</summary>
/// <param name="Items">The subscriptions.</param>
public sealed record WebhookSubscriptionList(IReadOnlyList<WebhookSubscriptionView> Items);

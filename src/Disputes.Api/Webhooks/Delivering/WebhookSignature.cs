using Disputes.Api.Webhooks.Subscribing;
using StandardWebhooks;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>
/// The Standard Webhooks headers of one delivery: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature</c>, <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> keyed with the
/// base64-decoded secret, as computed by the <c>StandardWebhooks</c> package. During a secret's overlap the header
/// carries one signature per valid secret, separated by spaces, and a receiver accepts any that matches.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The message id header.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The timestamp header.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The <c>webhook-signature</c> value for <paramref name="body"/> sent as <paramref name="webhookId"/> at <paramref name="timestamp"/>.</summary>
    public static string Sign(IEnumerable<WebhookSecret> secrets, string webhookId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret.Value).Sign(webhookId, timestamp, body)));
}

using System.ComponentModel.DataAnnotations;
using Disputes.Api.Hosting;

namespace Disputes.Api.Webhooks;

/// <summary>
/// Configuration section <c>Disputes:Webhooks</c>: where webhooks may be sent, how long one request may take, and how
/// failed deliveries are retried.
/// </summary>
public sealed class WebhookOptions : ISettings
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Webhooks";

    /// <summary>
    /// Whether a subscription may name, and a delivery may reach, a loopback, link-local, private, unspecified or
    /// multicast address. Unset: true in Development and Testing only (a receiver on the developer's machine or in a
    /// test), false everywhere else, so the service cannot be pointed at its own network (SSRF).
    /// </summary>
    public bool? AllowPrivateAddresses { get; set; }

    /// <summary>Whether a subscription may use <c>http://</c>. Unset: true in Development and Testing only; https elsewhere.</summary>
    public bool? AllowPlainHttp { get; set; }

    /// <summary>How long one delivery request may take, connection included, before it counts as a timeout (10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The waits before each retry of a delivery that timed out or was answered 429 or 5xx, before jitter; unset, the
    /// schedule of <see cref="Delivering.WebhookRetries.Standard"/> (about three days in all). A delivery still failing after the
    /// last one is abandoned.
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    /// <summary>
    /// How long past <see cref="Timeout"/> an attempt's claim on its delivery lasts (30 s): the time a live node has to
    /// record the answer before the delivery counts as abandoned by a node that died mid-attempt and is sent again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ClaimMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many deliveries one node sends at once (16).</summary>
    [Range(1, 1024)]
    public int ParallelDeliveries { get; set; } = 16;
}

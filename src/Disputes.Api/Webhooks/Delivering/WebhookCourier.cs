using System.Net;
using System.Text;
using Disputes.Api.Webhooks.Subscribing;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>Make one attempt at a delivery, if <paramref name="Ticket"/> is still its ticket.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Ticket">The ticket it had when this message was sent.</param>
public sealed record DeliverWebhook(Guid DeliveryId, int Ticket);

/// <summary>A delivery of a lane finished: send the next one of the lane, if it waits.</summary>
/// <param name="SubscriptionId">The lane's subscription.</param>
/// <param name="DisputeId">The lane's dispute.</param>
public sealed record WakeWebhookLane(Guid SubscriptionId, Guid DisputeId);

/// <summary>A receiver answered 410 Gone: stop sending to the subscription.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Because">Why, in the service's words.</param>
public sealed record DisableWebhookSubscription(Guid SubscriptionId, string Because);

/// <summary>What one request to a receiver came to.</summary>
/// <param name="Outcome">What it came to.</param>
/// <param name="StatusCode">The status code, when an answer came.</param>
/// <param name="LatencyMs">How long it took.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, when it sent one.</param>
public sealed record WebhookResponse(WebhookAttemptOutcome Outcome, int? StatusCode, long LatencyMs, TimeSpan? RetryAfter);

/// <summary>
/// Sends deliveries, one attempt per <see cref="DeliverWebhook"/> message, and decides what follows from the answer.
/// </summary>
/// <remarks>
/// <para>An attempt has three steps. It is <b>claimed</b> in a transaction of its own (a compare-and-set on the
/// delivery's version), so no other message sends it meanwhile; the request is <b>sent</b> with no transaction open; the
/// outcome is <b>recorded</b> in the handler's own transaction, together with the messages that follow from it (the
/// retry, scheduled; the lane's next delivery; the subscription's disabling), which Wolverine's outbox sends after
/// commit. A node that dies mid-attempt leaves its claim to lapse; the message, still in the durable inbox, is handled
/// again and the attempt repeated (the receiver sees the same <c>webhook-id</c>).</para>
/// <para><b>Order.</b> A delivery is sent only when no earlier delivery of its lane (subscription and dispute) is still
/// unfinished; otherwise it is held, and the earlier one's finish wakes the lane. So a receiver never gets version 5 of a
/// dispute while version 4 is still being retried; disputes do not wait for each other.</para>
/// </remarks>
public sealed class WebhookCourier(
    IDocumentStore store,
    IHttpClientFactory clients,
    IClock clock,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookCourier> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> that sends webhooks.</summary>
    public const string ClientName = "webhooks";

    /// <summary>Claims lost to another message's change before the message is left to Wolverine's own retries.</summary>
    private const int MaxClaimAttempts = 5;

    /// <summary>Makes the attempt <paramref name="message"/> asks for, if it is still the one to make.</summary>
    public async Task DeliverAsync(DeliverWebhook message, IDocumentSession session, IMessageBus bus, CancellationToken cancellation)
    {
        var now = clock.GetCurrentInstant();
        if (await ClaimAsync(message, session, bus, now, cancellation) is not { } claim)
        {
            return;
        }

        var response = await SendAsync(claim.Subscription, claim.Delivery, now, cancellation);
        await RecordAsync(message, session, bus, claim.Until, now, response, cancellation);
    }

    private async Task<DeliveryClaim?> ClaimAsync(DeliverWebhook message, IDocumentSession session, IMessageBus bus, Instant now,
        CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryClaimAsync(message, session, bus, now, cancellation);
            }
            catch (ConcurrencyException) when (attempt < MaxClaimAttempts)
            {
                // Another message changed the delivery between its read and this commit (a lane's wake-up, or a second
                // message for it). Nothing was sent: decide again on its new state, rather than fail the message and log
                // an error for a race the design expects.
            }
        }
    }

    /// <summary>
    /// Claims the delivery for this attempt in a transaction of its own, or returns null when there is nothing to send:
    /// the message is stale, the delivery is claimed by another, it is held behind an earlier delivery of its lane, or
    /// its subscription is no longer active (then it is finished in <paramref name="session"/> without sending).
    /// </summary>
    private async Task<DeliveryClaim?> TryClaimAsync(DeliverWebhook message, IDocumentSession session, IMessageBus bus, Instant now,
        CancellationToken cancellation)
    {
        await using var claim = store.LightweightSession();
        if (await claim.LoadAsync<WebhookDelivery>(message.DeliveryId, cancellation) is not { } delivery
            || delivery.Ticket != message.Ticket || delivery.Finished)
        {
            return null; // deleted with its subscription, a stale or repeated message, or already done
        }

        if (delivery.ClaimedUntil is { } held && held > now)
        {
            // Another handler is sending it, or its node died mid-attempt: look again once that claim lapses.
            await bus.ScheduleAsync(message, (held - now + Duration.FromSeconds(1)).ToTimeSpan());
            return null;
        }

        if (await claim.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, cancellation) is not { } subscription)
        {
            return null;
        }

        if (subscription.State != WebhookSubscriptionState.Active)
        {
            await FinishWithoutSendingAsync(message, session, bus, WebhookDeliveryState.Skipped, cancellation);
            return null;
        }

        var earlier = await claim.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == delivery.SubscriptionId && d.DisputeId == delivery.DisputeId && d.Sequence < delivery.Sequence
                && d.State != WebhookDeliveryState.Delivered && d.State != WebhookDeliveryState.Failed && d.State != WebhookDeliveryState.Abandoned
                && d.State != WebhookDeliveryState.Skipped)
            .OrderBy(d => d.Sequence)
            .FirstOrDefaultAsync(cancellation);
        if (earlier is not null)
        {
            // No message is left for it: the earlier one's finish wakes the lane. Should that finish have looked at
            // the lane before this commits, its wake-up changed this delivery, and this commit fails on the version.
            claim.Update(delivery with { State = WebhookDeliveryState.Held, HeldBehind = earlier.Id });
            await claim.SaveChangesAsync(cancellation);
            return null;
        }

        var until = now + Duration.FromTimeSpan(options.Value.Timeout + options.Value.ClaimMargin);
        claim.Update(delivery with { ClaimedUntil = until, HeldBehind = null });
        await claim.SaveChangesAsync(cancellation);
        return new DeliveryClaim(delivery, subscription, until);
    }

    /// <summary>A delivery claimed for one attempt, with its subscription, until <paramref name="Until"/>.</summary>
    private sealed record DeliveryClaim(WebhookDelivery Delivery, WebhookSubscription Subscription, Instant Until);

    private async Task<WebhookResponse> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, Instant now, CancellationToken cancellation)
    {
        // The timestamp is for the receiver's replay check against its own wall clock, like a token's lifetime, so it
        // comes from the real time provider, not from the business clock (which tests and demos may shift).
        var sentAt = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, delivery.WebhookId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader,
            WebhookSignature.Sign(subscription.SecretsAt(now), delivery.WebhookId, sentAt, delivery.Body));

        var started = time.GetTimestamp();
        long Elapsed() => (long)time.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var answer = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            var status = (int)answer.StatusCode;
            var outcome = status switch
            {
                >= 200 and < 300 => WebhookAttemptOutcome.Delivered,
                410 => WebhookAttemptOutcome.Gone,
                408 or 429 or >= 500 => WebhookAttemptOutcome.RetryableStatus,
                _ => WebhookAttemptOutcome.Refused,
            };
            var retryAfter = answer.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - sentAt,
                _ => (TimeSpan?)null,
            };
            return new WebhookResponse(outcome, status, Elapsed(), retryAfter);
        }
        catch (Exception e) when (Refusal(e) is not null)
        {
            logger.LogWarning("Webhook delivery {DeliveryId} to subscription {SubscriptionId} not sent: {Reason}", delivery.Id, subscription.Id, Refusal(e)!.Reason);
            return new WebhookResponse(WebhookAttemptOutcome.DestinationRefused, null, Elapsed(), null);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new WebhookResponse(WebhookAttemptOutcome.Timeout, null, Elapsed(), null);
        }
        catch (HttpRequestException)
        {
            return new WebhookResponse(WebhookAttemptOutcome.ConnectionFailed, null, Elapsed(), null);
        }
    }

    private static WebhookDestinationRefused? Refusal(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookDestinationRefused refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async Task RecordAsync(
        DeliverWebhook message, IDocumentSession session, IMessageBus bus, Instant claimedUntil, Instant attemptedAt, WebhookResponse response,
        CancellationToken cancellation)
    {
        if (await session.LoadAsync<WebhookDelivery>(message.DeliveryId, cancellation) is not { } delivery
            || delivery.Ticket != message.Ticket || delivery.ClaimedUntil != claimedUntil)
        {
            return; // deleted with its subscription while the request was out
        }

        var attempted = delivery.WithAttempt(new WebhookAttempt(attemptedAt, response.StatusCode, response.LatencyMs, response.Outcome, delivery.Replaying))
            with
        { ClaimedUntil = null, NextAttemptAt = null };
        logger.LogInformation("Webhook delivery {DeliveryId} ({EventType}) to subscription {SubscriptionId}: {Outcome} {StatusCode} in {LatencyMs} ms",
            delivery.Id, delivery.EventType, delivery.SubscriptionId, response.Outcome, response.StatusCode, response.LatencyMs);

        switch (response.Outcome)
        {
            case WebhookAttemptOutcome.Delivered:
                attempted = attempted with { State = WebhookDeliveryState.Delivered };
                break;
            case WebhookAttemptOutcome.Gone:
                attempted = attempted with { State = WebhookDeliveryState.Failed };
                await bus.PublishAsync(new DisableWebhookSubscription(delivery.SubscriptionId,
                    $"The receiver answered 410 Gone to delivery {delivery.Id}."));
                break;
            case WebhookAttemptOutcome.Refused or WebhookAttemptOutcome.DestinationRefused:
                attempted = attempted with { State = WebhookDeliveryState.Failed };
                break;
            default:
                var failed = delivery.FailedInRound + 1;
                var delays = options.Value.RetryDelays is { Length: > 0 } configured ? configured : WebhookRetries.Standard;
                if (WebhookRetries.After(failed, delays, response.RetryAfter, Random.Shared) is { } wait)
                {
                    var ticket = delivery.Ticket + 1;
                    session.Update(attempted with
                    {
                        State = WebhookDeliveryState.Retrying,
                        FailedInRound = failed,
                        NextAttemptAt = clock.GetCurrentInstant() + wait,
                        Ticket = ticket,
                    });
                    await bus.ScheduleAsync(new DeliverWebhook(delivery.Id, ticket), wait.ToTimeSpan());
                    return;
                }

                attempted = attempted with { State = WebhookDeliveryState.Abandoned, FailedInRound = failed };
                break;
        }

        session.Update(attempted);
        await bus.PublishAsync(new WakeWebhookLane(delivery.SubscriptionId, delivery.DisputeId));
    }

    private static async Task FinishWithoutSendingAsync(
        DeliverWebhook message, IDocumentSession session, IMessageBus bus, WebhookDeliveryState state, CancellationToken cancellation)
    {
        if (await session.LoadAsync<WebhookDelivery>(message.DeliveryId, cancellation) is { } delivery && delivery.Ticket == message.Ticket)
        {
            session.Update(delivery with { State = state, ClaimedUntil = null, HeldBehind = null, NextAttemptAt = null });
            await bus.PublishAsync(new WakeWebhookLane(delivery.SubscriptionId, delivery.DisputeId));
        }
    }
}

/// <summary>Wolverine's handlers of the delivery messages.</summary>
public static class WebhookDeliveryHandler
{
    /// <summary>One attempt; see <see cref="WebhookCourier"/>.</summary>
    public static Task Handle(DeliverWebhook message, IDocumentSession session, IMessageBus bus, WebhookCourier courier, CancellationToken cancellation) =>
        courier.DeliverAsync(message, session, bus, cancellation);

    /// <summary>
    /// Sends the lane's earliest unfinished delivery when nothing else will: when it is held, or pending with no
    /// attempt in flight. One in flight or waiting for its scheduled retry has its message already. The change of ticket
    /// also makes any message the delivery had stale, and collides (on the version) with a handler holding it at the
    /// same moment, so exactly one message for it stays live.
    /// </summary>
    public static async Task Handle(WakeWebhookLane message, IDocumentSession session, IMessageBus bus, IClock clock, CancellationToken cancellation)
    {
        var next = await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == message.SubscriptionId && d.DisputeId == message.DisputeId
                && d.State != WebhookDeliveryState.Delivered && d.State != WebhookDeliveryState.Failed && d.State != WebhookDeliveryState.Abandoned
                && d.State != WebhookDeliveryState.Skipped)
            .OrderBy(d => d.Sequence)
            .FirstOrDefaultAsync(cancellation);
        if (next is null || next.State == WebhookDeliveryState.Retrying || next.ClaimedUntil > clock.GetCurrentInstant())
        {
            return;
        }

        var ticket = next.Ticket + 1;
        session.Update(next with { State = next.State == WebhookDeliveryState.Held ? WebhookDeliveryState.Pending : next.State, HeldBehind = null, Ticket = ticket });
        await bus.PublishAsync(new DeliverWebhook(next.Id, ticket));
    }

    /// <summary>Disables the subscription; its deliveries still waiting are skipped as their messages come.</summary>
    public static async Task Handle(DisableWebhookSubscription message, IDocumentSession session, IClock clock, CancellationToken cancellation)
    {
        if (await session.LoadAsync<WebhookSubscription>(message.SubscriptionId, cancellation) is { State: WebhookSubscriptionState.Active } subscription)
        {
            session.Update(subscription with
            {
                State = WebhookSubscriptionState.Disabled,
                DisabledAt = clock.GetCurrentInstant(),
                DisabledBecause = message.Because,
            });
        }
    }
}

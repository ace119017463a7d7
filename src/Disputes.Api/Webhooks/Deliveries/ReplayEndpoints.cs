using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Webhooks.Delivering;
using Disputes.Api.Webhooks.Subscribing;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Deliveries;

/// <summary>What a time-range replay queued.</summary>
/// <param name="Replayed">How many deliveries will be sent again.</param>
/// <param name="Complete">False when the range held more than one request replays; send the rest with <paramref name="ContinueFrom"/> as <c>from</c>.</param>
/// <param name="ContinueFrom">Where the rest of the range starts, when it was not complete.</param>
public sealed record WebhookReplay(int Replayed, bool Complete, Instant? ContinueFrom);

/// <summary>
/// Sends finished deliveries again, with the same body and <c>webhook-id</c> and fresh signatures, in the order of their
/// events; through the same durable queue, retries and ordering as the first time.
/// </summary>
public static class ReplayEndpoints
{
    /// <summary>The most deliveries one time-range replay queues.</summary>
    public const int MaxPerRequest = 1000;

    /// <summary>202 with the delivery, queued again. 404 for an unknown subscription or delivery; 409 while it is still being delivered, or the subscription is disabled.</summary>
    [Authorize(Policy = Policies.ManageWebhooks)]
    [WolverinePost("/api/webhooks/subscriptions/{subscriptionId}/deliveries/{deliveryId}/replay")]
    [ProducesResponseType(typeof(WebhookDeliveryView), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> ReplayOne(Guid subscriptionId, Guid deliveryId, IDocumentSession session, IMessageBus bus, HttpContext http)
    {
        if (await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is not { } subscription)
        {
            return Problem.NotFound($"Webhook subscription {subscriptionId}");
        }

        if (await session.LoadAsync<WebhookDelivery>(deliveryId, http.RequestAborted) is not { } delivery || delivery.SubscriptionId != subscriptionId)
        {
            return Problem.NotFound($"Delivery {deliveryId} of webhook subscription {subscriptionId}");
        }

        if (subscription.State != WebhookSubscriptionState.Active)
        {
            return Problem.NotAllowedNow("The subscription is disabled; nothing is sent to it.");
        }

        if (!delivery.Finished)
        {
            return Problem.NotAllowedNow($"The delivery is still {FieldErrors.SnakeCase(delivery.State)}; replay it once it has finished.");
        }

        var replayed = Replayed(delivery, held: null);
        session.Update(replayed);
        await bus.PublishAsync(new DeliverWebhook(replayed.Id, replayed.Ticket));
        return Results.Accepted($"/api/webhooks/subscriptions/{subscriptionId}/deliveries", WebhookDeliveryView.Of(replayed));
    }

    /// <summary>
    /// 202: the finished deliveries whose events the event store recorded from <c>from</c> (inclusive) to <c>to</c>
    /// (exclusive), both ISO instants, queued again in event order, at most 1,000 per request; <c>state</c>
    /// (comma-separated: <c>delivered</c>, <c>failed</c>, <c>abandoned</c>, <c>skipped</c>) replays only those, e.g. what
    /// was skipped while the subscription was disabled. 400 for a missing or bad range or state; 404 for an unknown
    /// subscription; 409 when it is disabled.
    /// </summary>
    [Authorize(Policy = Policies.ManageWebhooks)]
    [WolverinePost("/api/webhooks/subscriptions/{subscriptionId}/replay")]
    [ProducesResponseType(typeof(WebhookReplay), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> ReplayRange(Guid subscriptionId, IDocumentSession session, IMessageBus bus, HttpContext http)
    {
        var errors = new FieldErrors();
        var from = errors.Instant("from", http.Request.Query["from"], required: true);
        var to = errors.Instant("to", http.Request.Query["to"], required: true);
        if (from is { } start && to is { } end && end <= start)
        {
            errors.Add("to", "must be after 'from'.");
        }

        var states = new List<WebhookDeliveryState>();
        foreach (var text in http.Request.Query["state"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (errors.Choice<WebhookDeliveryState>("state", text) is { } state)
            {
                if (WebhookDelivery.IsFinished(state))
                {
                    states.Add(state);
                }
                else
                {
                    errors.Add("state", $"names '{text}', which is not finished; only finished deliveries are replayed "
                        + $"({string.Join(", ", WebhookDelivery.FinishedStates.Select(FieldErrors.SnakeCase))}).");
                }
            }
        }

        if (states.Count == 0)
        {
            states.AddRange(WebhookDelivery.FinishedStates);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        if (await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is not { } subscription)
        {
            return Problem.NotFound($"Webhook subscription {subscriptionId}");
        }

        if (subscription.State != WebhookSubscriptionState.Active)
        {
            return Problem.NotAllowedNow("The subscription is disabled; nothing is sent to it.");
        }

        var found = await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == subscriptionId && d.RecordedAt >= from!.Value && d.RecordedAt < to!.Value && states.Contains(d.State))
            .OrderBy(d => d.RecordedAt).ThenBy(d => d.Sequence)
            .Take(MaxPerRequest + 1)
            .ToListAsync(http.RequestAborted);
        var batch = found.Take(MaxPerRequest).ToList();

        // As the dispatch does: the first of each dispute gets a message, the later ones wait behind it, so the replay
        // arrives in event order without each later one being looked at only to be held.
        var first = new Dictionary<Guid, Guid>();
        foreach (var delivery in batch)
        {
            var held = first.TryGetValue(delivery.DisputeId, out var before) ? before : (Guid?)null;
            first.TryAdd(delivery.DisputeId, delivery.Id);
            var replayed = Replayed(delivery, held);
            session.Update(replayed);
            if (held is null)
            {
                await bus.PublishAsync(new DeliverWebhook(replayed.Id, replayed.Ticket));
            }
        }

        var complete = found.Count <= MaxPerRequest;
        return Results.Accepted($"/api/webhooks/subscriptions/{subscriptionId}/deliveries",
            new WebhookReplay(batch.Count, complete, complete ? null : found[MaxPerRequest].RecordedAt));
    }

    private static WebhookDelivery Replayed(WebhookDelivery delivery, Guid? held) => delivery with
    {
        State = held is null ? WebhookDeliveryState.Pending : WebhookDeliveryState.Held,
        HeldBehind = held,
        Ticket = delivery.Ticket + 1,
        FailedInRound = 0,
        Replaying = true,
        NextAttemptAt = null,
        ClaimedUntil = null,
    };
}

using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Webhooks.Delivering;
using Disputes.Api.Webhooks.Subscribing;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Deliveries;

/// <summary>One delivery as the log shows it: never its body.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="WebhookId">The <c>webhook-id</c> it is sent with, the same on every attempt and replay.</param>
/// <param name="EventType">The event type.</param>
/// <param name="DisputeId">The dispute.</param>
/// <param name="StreamVersion">The dispute's stream version after the event.</param>
/// <param name="State"><c>pending</c>, <c>held</c> (behind an earlier delivery of the same dispute), <c>retrying</c>, <c>delivered</c>, <c>failed</c>, <c>abandoned</c> or <c>skipped</c> (not sent: the subscription was disabled).</param>
/// <param name="OccurredAt">The payload's timestamp.</param>
/// <param name="RecordedAt">When the event store recorded the event; time-range replays select on it.</param>
/// <param name="NextAttemptAt">While retrying: when the next attempt is due.</param>
/// <param name="HeldBehind">While held: the delivery it waits for.</param>
/// <param name="Attempts">Every attempt, oldest first: instant, status code, latency, outcome.</param>
public sealed record WebhookDeliveryView(
    Guid DeliveryId,
    string WebhookId,
    string EventType,
    Guid DisputeId,
    long StreamVersion,
    WebhookDeliveryState State,
    Instant OccurredAt,
    Instant RecordedAt,
    Instant? NextAttemptAt,
    Guid? HeldBehind,
    IReadOnlyList<WebhookAttempt> Attempts)
{
    /// <summary>The view of <paramref name="delivery"/>.</summary>
    public static WebhookDeliveryView Of(WebhookDelivery delivery) => new(
        delivery.Id, delivery.WebhookId, delivery.EventType, delivery.DisputeId, delivery.StreamVersion, delivery.State, delivery.OccurredAt,
        delivery.RecordedAt, delivery.NextAttemptAt, delivery.HeldBehind, delivery.Attempts);
}

/// <summary>A page of a subscription's delivery log, newest event first.</summary>
/// <param name="Items">The deliveries.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Deliveries per page.</param>
/// <param name="Total">Deliveries matching, in all.</param>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryView> Items, int Page, int PageSize, long Total);

/// <summary><c>GET /api/webhooks/subscriptions/{subscriptionId}/deliveries</c>: what was sent, and how each attempt went.</summary>
public static class DeliveryLogEndpoint
{
    private const int MaxPageSize = 500;

    /// <summary>
    /// 200 with the deliveries, newest event first; <c>state</c> filters (comma-separated), <c>page</c> and
    /// <c>pageSize</c> (1-500, default 50) page. 404 when there is no such subscription.
    /// </summary>
    [Authorize(Policy = Policies.ReadWebhooks)]
    [WolverineGet("/api/webhooks/subscriptions/{subscriptionId}/deliveries")]
    [ProducesResponseType(typeof(WebhookDeliveryPage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid subscriptionId, IQuerySession session, HttpContext http)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var states = new List<WebhookDeliveryState>();
        foreach (var state in query["state"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (errors.Choice<WebhookDeliveryState>("state", state) is { } parsed)
            {
                states.Add(parsed);
            }
        }

        var page = errors.Number("page", query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", query["pageSize"], 50, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        if (await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is null)
        {
            return Problem.NotFound($"Webhook subscription {subscriptionId}");
        }

        var deliveries = session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId);
        if (states.Count > 0)
        {
            deliveries = deliveries.Where(d => states.Contains(d.State));
        }

        var total = await deliveries.CountAsync(http.RequestAborted);
        var items = await deliveries.OrderByDescending(d => d.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(http.RequestAborted);
        return Results.Ok(new WebhookDeliveryPage(items.Select(WebhookDeliveryView.Of).ToList(), page, pageSize, total));
    }
}

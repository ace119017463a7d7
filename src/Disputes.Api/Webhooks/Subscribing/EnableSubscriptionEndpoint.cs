using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Webhooks.Delivering;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>The answer of enabling a subscription: it, and what it missed while disabled.</summary>
/// <param name="Subscription">The subscription, active.</param>
/// <param name="Skipped">Deliveries in its log that were skipped (never sent) while it was disabled and not replayed since.</param>
/// <param name="SkippedFrom">
/// The earliest <c>recordedAt</c> among them, absent when there are none: replay from there with
/// <c>POST .../replay?state=skipped&amp;from=...&amp;to=...</c> to send them.
/// </param>
public sealed record WebhookSubscriptionEnabled(WebhookSubscriptionView Subscription, int Skipped, Instant? SkippedFrom);

/// <summary>Turns a disabled subscription back on.</summary>
public static class EnableSubscriptionEndpoint
{
    /// <summary>
    /// 200: the subscription is active again and events stored from now on are sent to it; what it missed stays in its
    /// log as skipped, counted in the answer, for a replay to send. Enabling an active subscription changes nothing.
    /// 400 when its URL's host now resolves to an address webhooks may not reach; 404 when there is no such subscription.
    /// </summary>
    [Authorize(Policy = Policies.ManageWebhooks)]
    [WolverinePost("/api/webhooks/subscriptions/{subscriptionId}/enable")]
    [ProducesResponseType(typeof(WebhookSubscriptionEnabled), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Post(Guid subscriptionId, IDocumentSession session, WebhookDestinations destinations, IClock clock, HttpContext http)
    {
        if (await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is not { } subscription)
        {
            return Problem.NotFound($"Webhook subscription {subscriptionId}");
        }

        var now = clock.GetCurrentInstant();
        if (subscription.State != WebhookSubscriptionState.Active)
        {
            // The receiver may have moved since the subscription was made: the check of subscription time, made again.
            if (await destinations.RefusalOfHostAsync(new Uri(subscription.Url).IdnHost, http.RequestAborted) is { } refusal)
            {
                return Problem.DestinationRefused("url", refusal);
            }

            subscription = subscription with
            {
                State = WebhookSubscriptionState.Active,
                EnabledAt = now,
                EnabledBy = Caller.Of(http.User).Actor,
            };
            session.Update(subscription);
        }

        var skipped = session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId && d.State == WebhookDeliveryState.Skipped);
        var count = await skipped.CountAsync(http.RequestAborted);
        var from = count == 0 ? null : (Instant?)(await skipped.OrderBy(d => d.RecordedAt).FirstAsync(http.RequestAborted)).RecordedAt;
        return Results.Ok(new WebhookSubscriptionEnabled(WebhookSubscriptionView.Of(subscription, now), count, from));
    }
}

using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>Reads webhook subscriptions (integrators and compliance officers); never their secrets.</summary>
public static class ReadSubscriptionsEndpoint
{
    /// <summary>200 with every subscription, oldest first.</summary>
    [Authorize(Policy = Policies.ReadWebhooks)]
    [WolverineGet("/api/webhooks/subscriptions")]
    [ProducesResponseType(typeof(WebhookSubscriptionList), StatusCodes.Status200OK)]
    public static async Task<IResult> List(IQuerySession session, IClock clock, HttpContext http)
    {
        var subscriptions = await session.Query<WebhookSubscription>().OrderBy(s => s.CreatedAt).ToListAsync(http.RequestAborted);
        var now = clock.GetCurrentInstant();
        return Results.Ok(new WebhookSubscriptionList(subscriptions.Select(s => WebhookSubscriptionView.Of(s, now)).ToList()));
    }

    /// <summary>200 with the subscription; 404 when there is none.</summary>
    [Authorize(Policy = Policies.ReadWebhooks)]
    [WolverineGet("/api/webhooks/subscriptions/{subscriptionId}")]
    [ProducesResponseType(typeof(WebhookSubscriptionView), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid subscriptionId, IQuerySession session, IClock clock, HttpContext http) =>
        await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is { } subscription
            ? Results.Ok(WebhookSubscriptionView.Of(subscription, clock.GetCurrentInstant()))
            : Problem.NotFound($"Webhook subscription {subscriptionId}");
}

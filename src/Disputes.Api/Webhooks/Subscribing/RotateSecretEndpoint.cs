using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>Replaces a subscription's signing secret, keeping the old one valid for a day.</summary>
public static class RotateSecretEndpoint
{
    /// <summary>
    /// 200 with the new secret, shown this once. For the next 24 hours every delivery carries two signatures (one per
    /// secret, space-separated), so the receiver can switch to the new secret whenever it is ready. 404 when there is no
    /// such subscription.
    /// </summary>
    [Authorize(Policy = Policies.ManageWebhooks)]
    [WolverinePost("/api/webhooks/subscriptions/{subscriptionId}/secret-rotation")]
    [ProducesResponseType(typeof(WebhookSecretIssued), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid subscriptionId, IDocumentSession session, IClock clock, HttpContext http)
    {
        if (await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is not { } subscription)
        {
            return Problem.NotFound($"Webhook subscription {subscriptionId}");
        }

        var now = clock.GetCurrentInstant();
        var secret = WebhookSecret.New(now);
        // Secrets already past their overlap are dropped; the one being replaced keeps signing for the overlap.
        var kept = subscription.SecretsAt(now).Select(s => s.ExpiresAt is null ? s with { ExpiresAt = now + WebhookSecret.Overlap } : s);
        var rotated = subscription with { Secrets = [secret, .. kept] };
        session.Update(rotated);
        return Results.Ok(new WebhookSecretIssued(secret.Value, WebhookSubscriptionView.Of(rotated, now)));
    }
}

using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Webhooks.Delivering;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>Deletes a webhook subscription.</summary>
public static class DeleteSubscriptionEndpoint
{
    /// <summary>
    /// 204: the subscription and its delivery log are gone, and nothing more is sent to it (a request already out
    /// finishes, and its outcome is dropped). 404 when there is none.
    /// </summary>
    [Authorize(Policy = Policies.ManageWebhooks)]
    [WolverineDelete("/api/webhooks/subscriptions/{subscriptionId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Delete(Guid subscriptionId, IDocumentSession session, HttpContext http)
    {
        if (await session.LoadAsync<WebhookSubscription>(subscriptionId, http.RequestAborted) is null)
        {
            return Problem.NotFound($"Webhook subscription {subscriptionId}");
        }

        session.Delete<WebhookSubscription>(subscriptionId);
        session.DeleteWhere<WebhookDelivery>(d => d.SubscriptionId == subscriptionId);
        return Results.NoContent();
    }
}

using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Webhooks.Delivering;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Webhooks.Subscribing;

/// <summary>Body of <c>POST /api/webhooks/subscriptions</c>.</summary>
/// <param name="Url">Where to send the webhooks: https (http only in Development and Testing), a public host, no credentials or fragment.</param>
/// <param name="EventTypes">The event types wanted, from the catalogue (<c>dispute.opened</c>, <c>hold.placed</c>, ...).</param>
public sealed record CreateWebhookSubscriptionRequest(string? Url, IReadOnlyList<string>? EventTypes)
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>The URL and event types, or the errors that stop them.</summary>
    public (Uri? Url, IReadOnlyList<string> EventTypes) Validate(FieldErrors errors, WebhookDestinations destinations)
    {
        Uri? url = null;
        if (errors.Text("url", Url, MaxUrlLength) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("https" or "http") || string.IsNullOrEmpty(url.Host))
            {
                errors.Add("url", "must be an absolute https URL, e.g. https://hooks.example.com/disputes.");
                url = null;
            }
            else if (url.Scheme == "http" && !destinations.AllowsPlainHttp)
            {
                errors.Add("url", "must use https: webhooks carry signed compliance data.");
                url = null;
            }
            else if (url.UserInfo.Length > 0 || url.Fragment.Length > 0)
            {
                errors.Add("url", "must not hold credentials or a fragment.");
                url = null;
            }
        }

        var types = (EventTypes ?? []).ToList();
        if (types.Count == 0)
        {
            errors.Add("eventTypes", $"is required: one or more of {string.Join(", ", WebhookCatalogue.All.Select(t => t.Name))}.");
        }
        else if (types.Where(t => t is null || !WebhookCatalogue.Names.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            errors.Add("eventTypes", $"names unknown event types ({string.Join(", ", unknown.Select(t => $"'{t}'"))}); "
                + $"the catalogue has {string.Join(", ", WebhookCatalogue.All.Select(t => t.Name))}.");
        }

        return (url, types.Distinct(StringComparer.Ordinal).ToList());
    }
}

/// <summary>Makes a webhook subscription.</summary>
public static class CreateSubscriptionEndpoint
{
    /// <summary>
    /// 201 with the subscription and its signing secret, shown this once. Only events stored from now on are sent to it.
    /// 400 for a bad URL or event type, or a URL whose host is on a private network (outside Development and Testing).
    /// </summary>
    [Authorize(Policy = Policies.ManageWebhooks)]
    [WolverinePost("/api/webhooks/subscriptions")]
    [ProducesResponseType(typeof(WebhookSecretIssued), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<IResult> Post(
        CreateWebhookSubscriptionRequest request, IDocumentSession session, WebhookDestinations destinations, IClock clock, HttpContext http)
    {
        var errors = new FieldErrors();
        var (url, types) = request.Validate(errors, destinations);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        if (await destinations.RefusalOfHostAsync(url!.IdnHost, http.RequestAborted) is { } refusal)
        {
            return Problem.DestinationRefused("url", refusal);
        }

        var now = clock.GetCurrentInstant();
        var statistics = await session.DocumentStore.Advanced.FetchEventStoreStatistics(token: http.RequestAborted);
        var secret = WebhookSecret.New(now);
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(),
            Url = url.AbsoluteUri,
            EventTypes = types,
            Secrets = [secret],
            State = WebhookSubscriptionState.Active,
            CreatedAt = now,
            CreatedBy = Caller.Of(http.User).Actor,
            AfterSequence = statistics.EventSequenceNumber,
        };
        session.Insert(subscription);
        return Results.Created($"/api/webhooks/subscriptions/{subscription.Id}", new WebhookSecretIssued(secret.Value, WebhookSubscriptionView.Of(subscription, now)));
    }
}

using Disputes.Api.Cardmembers.Wording;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Summarizing;

/// <summary><c>GET /api/disputes/{disputeId}/summary</c>: the end-of-chat summary the agent pastes for the cardmember.</summary>
public static class ChatSummaryEndpoint
{
    /// <summary>
    /// 200 with the summary in the language of <c>Accept-Language</c> (English unless Spanish is preferred); <c>since</c>
    /// (an ISO instant, optional) says when the conversation began, else it is taken to have begun today in the account's
    /// time zone. 404 when the dispute is unknown, 400 for a malformed <c>since</c>.
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverineGet("/api/disputes/{disputeId}/summary")]
    [ProducesResponseType(typeof(ChatSummary), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid disputeId, HttpContext http, IQuerySession session, IClock clock)
    {
        var errors = new FieldErrors();
        var since = errors.Instant("since", http.Request.Query["since"].ToString());
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        if (await session.LoadAsync<Dispute>(disputeId, http.RequestAborted) is not { } dispute)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        var events = await session.Events.FetchStreamAsync(disputeId, token: http.RequestAborted);
        var words = CardmemberLanguage.For(http.Request);
        CardmemberLanguage.Announce(http.Response, words);
        return Results.Ok(ChatSummary.Of(dispute, [.. events.Select(e => e.Data)], clock.GetCurrentInstant(), since, words));
    }
}

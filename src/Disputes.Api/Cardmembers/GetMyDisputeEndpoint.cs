using Disputes.Api.Cardmembers.Wording;
using Disputes.Api.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Cardmembers;

/// <summary><c>GET /api/me/disputes/{caseNumber}</c>: one of the cardmember's disputes.</summary>
public static class GetMyDisputeEndpoint
{
    /// <summary>
    /// 200 with the dispute in the language of <c>Accept-Language</c>; 404, with no hint that it exists,
    /// for a case of an account the token does not name.
    /// </summary>
    [Authorize(Policy = Policies.OwnDisputes)]
    [WolverineGet("/api/me/disputes/{caseNumber}")]
    [ProducesResponseType(typeof(CardmemberDispute), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string caseNumber, HttpContext http, IQuerySession session, IClock clock)
    {
        var words = CardmemberLanguage.For(http.Request);
        if (await MyDisputes.FindAsync(session, Caller.Of(http.User), caseNumber, http.RequestAborted) is not { } dispute)
        {
            return MyDisputes.NotFound(caseNumber);
        }

        var events = await session.Events.FetchStreamAsync(dispute.Id, token: http.RequestAborted);
        var files = await Evidence.EvidenceFiles.ForDisputeAsync(session, dispute.Id, http.RequestAborted);
        CardmemberLanguage.Announce(http.Response, words);
        return Results.Ok(CardmemberDispute.From(dispute, events.Select(e => e.Data), clock.GetCurrentInstant(), words) with
        {
            Files = [.. files.Select(file => CardmemberFile.For(dispute, file))],
        });
    }
}

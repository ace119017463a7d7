using Disputes.Api.Cardmembers.Wording;
using Disputes.Api.Complaints.Cardmembers.Wording;
using Disputes.Api.Identity;
using Disputes.Projections.Complaints;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Complaints.Cardmembers;

/// <summary><c>GET /api/me/complaints</c>: every complaint on the accounts the cardmember's token names.</summary>
public static class ListMyComplaintsEndpoint
{
    /// <summary>
    /// 200 with the complaints, newest first, in the language of <c>Accept-Language</c> (English or Spanish). The account
    /// filter is part of the query, so another account's complaint is never loaded.
    /// </summary>
    [Authorize(Policy = Policies.OwnDisputes)]
    [WolverineGet("/api/me/complaints")]
    [ProducesResponseType(typeof(CardmemberComplaintList), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var language = CardmemberLanguage.For(http.Request);
        var words = ComplaintWordings.For(language);
        var accounts = Caller.Of(http.User).AccountIds.ToArray();
        var rows = await session.Query<ComplaintRow>()
            .Where(r => accounts.Contains(r.AccountId))
            .OrderByDescending(r => r.ReceivedAt)
            .ToListAsync(http.RequestAborted);
        var now = clock.GetCurrentInstant();
        CardmemberLanguage.Announce(http.Response, language);
        return Results.Ok(new CardmemberComplaintList([.. rows.Select(r => CardmemberComplaint.From(r.State, now, words))]));
    }
}

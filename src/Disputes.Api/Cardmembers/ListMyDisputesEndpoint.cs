using Disputes.Api.Cardmembers.Wording;
using Disputes.Api.Identity;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Cardmembers;

/// <summary><c>GET /api/me/disputes</c>: every dispute on the accounts the cardmember's token names.</summary>
public static class ListMyDisputesEndpoint
{
    /// <summary>200 with the disputes, newest first, in the language of <c>Accept-Language</c> (English or Spanish).</summary>
    [Authorize(Policy = Policies.OwnDisputes)]
    [WolverineGet("/api/me/disputes")]
    [ProducesResponseType(typeof(CardmemberDisputeList), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var words = CardmemberLanguage.For(http.Request);
        var accounts = Caller.Of(http.User).AccountIds.ToArray();
        var disputes = await session.Query<Dispute>().Where(d => accounts.Contains(d.AccountId)).ToListAsync(http.RequestAborted);

        // The steps need the events themselves (who was asked for documents, what was credited): one query
        // for the streams of all the cardmember's disputes.
        var ids = disputes.Select(d => d.Id).ToArray();
        var events = ids.Length == 0
            ? []
            : await session.Events.QueryAllRawEvents()
                .Where(e => ids.Contains(e.StreamId))
                .OrderBy(e => e.Sequence)
                .ToListAsync(http.RequestAborted);
        var byDispute = events.ToLookup(e => e.StreamId, e => e.Data);

        var now = clock.GetCurrentInstant();
        CardmemberLanguage.Announce(http.Response, words);
        return Results.Ok(new CardmemberDisputeList([
            .. disputes
                .OrderByDescending(d => d.NoticeReceivedAt)
                .ThenByDescending(d => d.OpenedAt)
                .Select(d => CardmemberDispute.From(d, byDispute[d.Id], now, words)),
        ]));
    }
}

using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Accounts;
using Disputes.Domain.Streams;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance.Audit;

/// <summary>One event of an account's stream, as the audit trail shows it.</summary>
/// <param name="Version">The stream version the event was stored at (1 for the registration).</param>
/// <param name="Type">The event's type name in the event store: <c>account_registered</c>, <c>account_updated</c> or <c>past_closing_corrected</c>.</param>
/// <param name="Timestamp">The instant the event store recorded the event.</param>
/// <param name="Actor">Who caused it, <c>role:subject</c> (e.g. <c>compliance:officer-3</c>).</param>
/// <param name="CorrelationId">The correlation id of the request that caused it.</param>
/// <param name="Data">The event as stored; a correction carries its dates and its reason.</param>
public sealed record AccountHistoryEvent(long Version, string Type, Instant Timestamp, string? Actor, string? CorrelationId, object Data);

/// <summary>The whole audit trail of an account, oldest event first.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Events">Every event of its stream, oldest first.</param>
public sealed record AccountHistory(string AccountId, IReadOnlyList<AccountHistoryEvent> Events);

/// <summary>
/// <c>GET /api/compliance/accounts/{accountId}/history</c>: who registered the account, changed its calendar or corrected
/// a past closing, when, and (for a correction) why.
/// </summary>
public static class AccountHistoryEndpoint
{
    /// <summary>200 with every event of the account's stream, oldest first; 404 when the account is unknown.</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/accounts/{accountId}/history")]
    [ProducesResponseType(typeof(AccountHistory), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string accountId, HttpContext http, IQuerySession session)
    {
        var events = await session.Events.FetchStreamAsync(StreamIds.ForAccount(accountId), token: http.RequestAborted);

        // Dispute streams share the id space; only a stream opened by a registration is an account's history.
        if (events is not [{ Data: AccountRegistered }, ..])
        {
            return Problem.NotFound($"Account {accountId}");
        }

        var entries = events
            .OrderBy(e => e.Version)
            .Select(e => new AccountHistoryEvent(e.Version, e.EventTypeName, Instant.FromDateTimeOffset(e.Timestamp), e.UserName, e.CorrelationId, e.Data))
            .ToList();
        return Results.Ok(new AccountHistory(accountId, entries));
    }
}

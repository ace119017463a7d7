using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Projections.Compliance;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance;

/// <summary>One clock in the compliance officers' deadline list.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Clock">Which clock.</param>
/// <param name="Status">Where the clock stands.</param>
/// <param name="DueOn">The due date in the account's time zone; null when the clock does not apply.</param>
/// <param name="BreachesAt">For a pending clock: when it breaches (the start of the day after the due date).</param>
/// <param name="MetAt">When the duty was done in time.</param>
/// <param name="BreachedAt">When the clock breached.</param>
/// <param name="Basis">For the resolution clock: what set the due date.</param>
/// <param name="Amount">The disputed amount.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="ForfeitureExposure">What a breach forfeits (amount and charges, capped at 50).</param>
/// <param name="AwaitingApprovalSince">When a resolution waiting for a supervisor's approval was proposed; the clock is met only on approval.</param>
public sealed record DeadlineListItem(
    Guid DisputeId,
    string CaseNumber,
    string AccountId,
    ComplianceClock Clock,
    ClockStatus Status,
    LocalDate? DueOn,
    Instant? BreachesAt,
    Instant? MetAt,
    Instant? BreachedAt,
    ResolutionBasis? Basis,
    decimal Amount,
    string Currency,
    decimal ForfeitureExposure,
    Instant? AwaitingApprovalSince = null);

/// <summary>A page of the deadline list.</summary>
/// <param name="Items">The page's clocks, by due date.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Clocks per page.</param>
/// <param name="Total">
/// The clocks matching the filters, counted up to 10,000 (<see cref="DeadlineListQuery.DefaultCountUpTo"/>): when more
/// match it is 10,000 and <paramref name="TotalIsExact"/> is false. The summary has the exact counts per clock and status.
/// </param>
/// <param name="TotalIsExact">False when more than <paramref name="Total"/> clocks match.</param>
public sealed record DeadlineListPage(IReadOnlyList<DeadlineListItem> Items, int Page, int PageSize, long Total, bool TotalIsExact);

/// <summary><c>GET /api/compliance/deadlines</c>: clocks filtered, sorted by due date, paged.</summary>
public static class DeadlineListEndpoint
{
    private const int MaxPageSize = 500;

    /// <summary>
    /// Filters: <c>clock</c> (acknowledgment|resolution), <c>status</c> (comma-separated), <c>dueAfter</c> and
    /// <c>dueBefore</c> (yyyy-MM-dd, inclusive), <c>accountId</c>; paging: <c>page</c> (from 1), <c>pageSize</c> (1-500, default 50).
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/deadlines")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var clock = errors.Choice<ComplianceClock>("clock", query["clock"].ToString(), required: false);
        var statuses = new List<ClockStatus>();
        foreach (var status in query["status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (errors.Choice<ClockStatus>("status", status) is { } parsed)
            {
                statuses.Add(parsed);
            }
        }

        var dueAfter = errors.Date("dueAfter", query["dueAfter"]);
        var dueBefore = errors.Date("dueBefore", query["dueBefore"]);
        var page = errors.Number("page", query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", query["pageSize"], 50, 1, MaxPageSize);
        var accountId = query["accountId"].ToString() is { Length: > 0 } account ? account : null;
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var (rows, total, totalIsExact) = await new DeadlineListQuery(clock, statuses, dueAfter, dueBefore, accountId, page, pageSize)
            .RunAsync(session, http.RequestAborted);
        var items = rows.Select(r => new DeadlineListItem(
            r.DisputeId, r.CaseNumber, r.AccountId, r.Clock, r.Status, r.DueOn, r.Status == ClockStatus.Pending ? r.BreachInstant : null,
            r.MetAt, r.BreachedAt, r.Basis, r.Amount, r.Currency, r.ForfeitureExposure, r.AwaitingApprovalSince)).ToList();
        return Results.Ok(new DeadlineListPage(items, page, pageSize, total, totalIsExact));
    }
}

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
    decimal ForfeitureExposure);

/// <summary>A page of the deadline list.</summary>
public sealed record DeadlineListPage(IReadOnlyList<DeadlineListItem> Items, int Page, int PageSize, long Total);

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

        var (rows, total) = await new DeadlineListQuery(clock, statuses, dueAfter, dueBefore, accountId, page, pageSize)
            .RunAsync(session, http.RequestAborted);
        var items = rows.Select(r => new DeadlineListItem(
            r.DisputeId, r.CaseNumber, r.AccountId, r.Clock, r.Status, r.DueOn, r.Status == ClockStatus.Pending ? r.BreachInstant : null,
            r.MetAt, r.BreachedAt, r.Basis, r.Amount, r.Currency, r.ForfeitureExposure)).ToList();
        return Results.Ok(new DeadlineListPage(items, page, pageSize, total));
    }
}

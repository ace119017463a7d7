using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Clocks;
using Disputes.Domain.Complaints;
using Disputes.Projections.Complaints;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Complaints.Compliance;

/// <summary>One complaint in a compliance list.</summary>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="AccountId">The account.</param>
/// <param name="DisputeId">The dispute it is about, when there is one: its history is at <c>/api/compliance/disputes/{disputeId}/history</c>.</param>
/// <param name="CaseNumber">That dispute's case number.</param>
/// <param name="Category">What it is about.</param>
/// <param name="Channel">How it arrived.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="ReceivedOn">The receipt's local date.</param>
/// <param name="TimeZone">The zone its deadlines are dates in.</param>
/// <param name="Deadlines">Both deadlines.</param>
/// <param name="NextDeadline">The first deadline whose duty is undone (<c>response</c> or <c>final_response</c>); absent when both are done.</param>
/// <param name="NextDueOn">Its due date.</param>
/// <param name="NextBreachesAt">Its breach instant: past for an overdue complaint.</param>
public sealed record ComplaintListItem(
    Guid ComplaintId,
    string Reference,
    string AccountId,
    Guid? DisputeId,
    string? CaseNumber,
    ComplaintCategory Category,
    ComplaintChannel Channel,
    ComplaintStatus Status,
    Instant ReceivedAt,
    LocalDate ReceivedOn,
    string TimeZone,
    ComplaintDeadlinesResponse Deadlines,
    ComplaintClock? NextDeadline,
    LocalDate? NextDueOn,
    Instant? NextBreachesAt)
{
    /// <summary>The item of <paramref name="c"/>.</summary>
    public static ComplaintListItem From(Complaint c) => new(
        c.Id, c.Reference, c.AccountId, c.DisputeId, c.CaseNumber, c.Category, c.Channel, c.Status, c.ReceivedAt, c.ReceivedOn, c.TimeZoneId,
        ComplaintDeadlinesResponse.From(c), c.NextDeadline?.Clock, c.NextDeadline?.DueOn, c.NextBreachInstant);
}

/// <summary>A page of a compliance list of complaints.</summary>
/// <param name="Status">The list: <c>at_risk</c>, <c>overdue</c>, <c>open</c> or <c>all</c>.</param>
/// <param name="WithinDays">For <c>at_risk</c>: how many days ahead it looks.</param>
/// <param name="Items">The complaints of the page.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Total">How many complaints are on the list in all.</param>
public sealed record ComplaintListPage(ComplaintList Status, int WithinDays, IReadOnlyList<ComplaintListItem> Items, int Page, int PageSize, long Total);

/// <summary><c>GET /api/compliance/complaints</c>: the complaints at risk, overdue, open, or all of them, paged.</summary>
public static class ComplaintListEndpoint
{
    /// <summary>How far ahead "at risk" looks unless told: the disputes' summary counts those breaching in the next 7 days.</summary>
    public const int DefaultWithinDays = 7;

    private const int MaxPageSize = 500;

    /// <summary>
    /// <c>status</c>: <c>at_risk</c> (a pending deadline breaching within <c>withinDays</c>, 1-60, default 7; by breach
    /// instant), <c>overdue</c> (a deadline passed with its duty undone, whether or not the breach is recorded yet; by breach
    /// instant), <c>open</c> (not closed; the first to breach first) or <c>all</c> (default; newest first). Paging:
    /// <c>page</c> (from 1), <c>pageSize</c> (1-500, default 50).
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/complaints")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var list = errors.Choice<ComplaintList>("status", query["status"].ToString(), required: false) ?? ComplaintList.All;
        var within = errors.Number("withinDays", query["withinDays"], DefaultWithinDays, 1, 60);
        var page = errors.Number("page", query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", query["pageSize"], 50, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var (rows, total) = await new ComplaintListQuery(list, clock.GetCurrentInstant(), Duration.FromDays(within), page, pageSize)
            .RunAsync(session, http.RequestAborted);
        return Results.Ok(new ComplaintListPage(list, within, [.. rows.Select(r => ComplaintListItem.From(r.State))], page, pageSize, total));
    }
}

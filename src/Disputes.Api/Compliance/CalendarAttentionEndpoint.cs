using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance;

/// <summary>An open dispute whose account calendar could not tell its resolution deadline.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The account whose calendar needs closings added.</param>
/// <param name="ReceivedOn">The notice's receipt date, in the account's zone.</param>
/// <param name="DueOn">The deadline the 90-day cap gives meanwhile.</param>
/// <param name="CapReason">What the calendar lacks.</param>
public sealed record CalendarAttentionItem(Guid DisputeId, string CaseNumber, string AccountId, LocalDate ReceivedOn, LocalDate? DueOn, string CapReason);

/// <summary>A page of the calendar-attention list.</summary>
public sealed record CalendarAttentionPage(IReadOnlyList<CalendarAttentionItem> Items, int Page, int PageSize, long Total);

/// <summary>
/// <c>GET /api/compliance/calendar-attention</c>: open disputes whose resolution deadline is the 90-day cap only because
/// the account's calendar lists no closing on or before the receipt, or too few after it (rule book section 3), earliest
/// deadline first. Registering the missing closings recomputes them, and they leave the list.
/// </summary>
public static class CalendarAttentionEndpoint
{
    private const int MaxPageSize = 500;

    /// <summary>Paging: <c>page</c> (from 1), <c>pageSize</c> (1-500, default 50).</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/calendar-attention")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session)
    {
        var errors = new FieldErrors();
        var page = errors.Number("page", http.Request.Query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", http.Request.Query["pageSize"], 50, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var disputes = await session.Query<Dispute>()
            .Where(d => d.ResolutionClock.Status == ClockStatus.Pending && d.ResolutionClock.CapReason != null)
            .OrderBy(d => d.ResolutionClock.DueOn)
            .Stats(out var stats)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(http.RequestAborted);
        var items = disputes
            .Select(d => new CalendarAttentionItem(d.Id, d.CaseNumber, d.AccountId, d.ReceivedOn, d.ResolutionClock.DueOn, d.ResolutionClock.CapReason!))
            .ToList();
        return Results.Ok(new CalendarAttentionPage(items, page, pageSize, stats.TotalResults));
    }
}

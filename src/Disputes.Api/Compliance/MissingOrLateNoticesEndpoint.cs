using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Clocks;
using Disputes.Domain.Notices;
using Disputes.Projections.Compliance;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance;

/// <summary>An acknowledgment or resolution whose written notice is missing or late.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Clock">Which duty: <c>acknowledgment</c> or <c>resolution</c>.</param>
/// <param name="DueOn">The clock's due date, in the account's time zone.</param>
/// <param name="BreachedAt">When the clock breached; null while its timer has not recorded it yet.</param>
/// <param name="Lapse">
/// <c>missing</c> (nothing sent or queued), <c>waiting_for_post</c> (queued, not mailed), <c>sent_late</c> (sent after the due
/// date) or <c>confirmed_after_breach</c> (mailed in time, confirmed by the vendor after the breach instant).
/// </param>
/// <param name="DaysLate">Calendar days from the due date to the day it was sent, or to today while none is sent; 0 for <c>confirmed_after_breach</c>.</param>
/// <param name="NoticeKind">The notice that answers the clock, when one was written: <c>acknowledgment</c>, <c>correction</c> or <c>explanation</c>.</param>
/// <param name="NoticeId">Its id (its letter is read at <c>/api/disputes/{disputeId}/notices/{noticeId}/pdf</c> once sent).</param>
/// <param name="Channel"><c>secure_message</c> or <c>postal</c>.</param>
/// <param name="QueuedAt">For a letter by post: when it was queued.</param>
/// <param name="SentAt">When it was sent (for a letter by post, the mailing); null while it is not.</param>
public sealed record MissingOrLateNoticeItem(
    Guid DisputeId,
    string CaseNumber,
    string AccountId,
    ComplianceClock Clock,
    LocalDate DueOn,
    Instant? BreachedAt,
    NoticeLapseKind Lapse,
    int DaysLate,
    NoticeKind? NoticeKind,
    Guid? NoticeId,
    DeliveryChannel? Channel,
    Instant? QueuedAt,
    Instant? SentAt);

/// <summary>A page of the report of notices missing or late.</summary>
/// <param name="Items">The clocks, earliest due date first.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Total">Clocks matching in all.</param>
/// <param name="AsOf">The instant the report was judged at: "today" for <c>daysLate</c> of notices still missing.</param>
public sealed record MissingOrLateNoticesPage(IReadOnlyList<MissingOrLateNoticeItem> Items, int Page, int PageSize, long Total, Instant AsOf);

/// <summary>
/// <c>GET /api/compliance/missing-or-late-notices</c>: every acknowledgment and resolution whose written notice (rule book
/// section 8) is missing, waits unmailed in the print queue past its due date, or was sent after it, earliest due date
/// first, with the notice, its channel and how many days late.
/// </summary>
public static class MissingOrLateNoticesEndpoint
{
    private const int MaxPageSize = 500;

    /// <summary>Filter: <c>clock</c> (acknowledgment|resolution); paging: <c>page</c> (from 1), <c>pageSize</c> (1-500, default 50).</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/missing-or-late-notices")]
    [ProducesResponseType(typeof(MissingOrLateNoticesPage), StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var which = errors.Choice<ComplianceClock>("clock", query["clock"].ToString(), required: false);
        var page = errors.Number("page", query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", query["pageSize"], 50, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var now = clock.GetCurrentInstant();
        var (rows, total) = await new MissingOrLateNoticesQuery(which, now, page, pageSize).RunAsync(session, http.RequestAborted);
        var items = rows
            .Select(r => (Row: r, Lapse: NoticeTimeliness.Judge(r.State, DateTimeZoneProviders.Tzdb[r.TimeZoneId], r.Notice?.SentAt, r.Notice?.QueuedAt, now)))
            // Every row the query reads is past its due date and so has a lapse; the filter only narrows the type.
            .Where(x => x.Lapse is not null)
            .Select(x => new MissingOrLateNoticeItem(
                x.Row.DisputeId, x.Row.CaseNumber, x.Row.AccountId, x.Row.Clock, x.Row.DueOn!.Value, x.Row.BreachedAt, x.Lapse!.Kind, x.Lapse.DaysLate,
                x.Row.Notice?.Kind, x.Row.Notice?.NoticeId, x.Row.Notice?.Channel, x.Row.Notice?.QueuedAt, x.Row.Notice?.SentAt))
            .ToList();
        return Results.Ok(new MissingOrLateNoticesPage(items, page, pageSize, total, now));
    }
}

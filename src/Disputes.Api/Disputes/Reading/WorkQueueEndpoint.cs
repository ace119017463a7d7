using Disputes.Api.Compliance;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Projections.Compliance;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Reading;

/// <summary>One dispute in the agents' work queue, with the clock that breaches next.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Version">Its version (for a command sent straight from the queue).</param>
/// <param name="AccountId">The card account.</param>
/// <param name="Merchant">The merchant of the disputed charge.</param>
/// <param name="Amount">The disputed amount.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Reason">The billing-error kind.</param>
/// <param name="ReceivedOn">The receipt's local date.</param>
/// <param name="EscalatedTo">Who it was last escalated to.</param>
/// <param name="NextClock">The pending clock that breaches first, if any clock is pending.</param>
/// <param name="NextDueOn">That clock's due date.</param>
/// <param name="NextBreachAt">The instant that clock breaches.</param>
/// <param name="Breached">True when a clock of the dispute already breached.</param>
public sealed record WorkQueueItem(
    Guid DisputeId,
    string CaseNumber,
    DisputeStatus Status,
    long Version,
    string AccountId,
    string Merchant,
    decimal Amount,
    string Currency,
    BillingErrorKind Reason,
    LocalDate ReceivedOn,
    EscalationTarget? EscalatedTo,
    ComplianceClock? NextClock,
    LocalDate? NextDueOn,
    Instant? NextBreachAt,
    bool Breached)
{
    /// <summary>The queue item of <paramref name="d"/>.</summary>
    public static WorkQueueItem From(Dispute d)
    {
        var zone = d.TimeZone;
        var next = d.Clocks.Where(c => c.IsPending).OrderBy(c => c.BreachInstant(zone)).FirstOrDefault();
        return new(d.Id, d.CaseNumber, d.Status, d.Version, d.AccountId, d.Merchant, d.Amount, d.Currency, d.Reason, d.ReceivedOn,
            d.EscalatedTo, next?.Clock, next?.DueOn, next?.BreachInstant(zone), d.Clocks.Any(c => c.Status == ClockStatus.Breached));
    }
}

/// <summary>A page of the work queue.</summary>
public sealed record WorkQueuePage(IReadOnlyList<WorkQueueItem> Items, int Page, int PageSize, long Total);

/// <summary>
/// <c>GET /api/disputes</c>: the agents' work queue. The compliance deadline list is for compliance officers
/// and supervisors; agents need the disputes they still have to work, the one breaching first on top.
/// </summary>
public static class WorkQueueEndpoint
{
    private const int MaxPageSize = 200;

    private static readonly DisputeStatus[] Active = [DisputeStatus.Open, DisputeStatus.Acknowledged, DisputeStatus.Reopened];

    /// <summary>
    /// Disputes whose <c>status</c> is one of a comma-separated list (default: <c>open,acknowledged,reopened</c>,
    /// the disputes still being worked), sorted by the instant their nearest pending clock breaches (disputes with
    /// no pending clock last), then by case number; <c>page</c> from 1, <c>pageSize</c> 1-200 (default 50).
    /// </summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes")]
    [ProducesResponseType(typeof(WorkQueuePage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var statuses = new List<DisputeStatus>();
        foreach (var status in query["status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (errors.Choice<DisputeStatus>("status", status) is { } parsed)
            {
                statuses.Add(parsed);
            }
        }

        var page = errors.Number("page", query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", query["pageSize"], 50, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var names = (statuses.Count > 0 ? statuses : [.. Active]).Distinct().Select(s => s.ToString()).ToArray();
        var disputes = session.DocumentStore.Options.Schema.For<Dispute>();
        var clocks = session.DocumentStore.Options.Schema.For<ClockRow>();

        // The nearest pending breach of each dispute comes from the clock rows' indexed columns.
        var rows = await session.QueryAsync<Dispute>(
            $"""
             select d.data from {disputes} d
             left join lateral (
               select min(c.breach_instant) as next_breach from {clocks} c where c.dispute_id = d.id and c.status = 'Pending'
             ) n on true
             where d.data ->> 'status' = ANY(?)
             order by n.next_breach nulls last, d.data ->> 'caseNumber'
             limit {pageSize} offset {(page - 1) * pageSize}
             """,
            http.RequestAborted, new object[] { names });
        var total = (await session.QueryAsync<long>(
            $"select count(*) from {disputes} d where d.data ->> 'status' = ANY(?)", http.RequestAborted, new object[] { names }))[0];
        return Results.Ok(new WorkQueuePage(rows.Select(WorkQueueItem.From).ToList(), page, pageSize, total));
    }
}

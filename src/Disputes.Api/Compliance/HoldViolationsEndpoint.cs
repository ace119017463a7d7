using Disputes.Api.Holds;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Compliance;

/// <summary>A dispute whose billing-error hold was broken, with the evidence.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">The account the activity was on.</param>
/// <param name="ForfeitureExposure">What the issuer forfeits on the dispute, counted once however many duties were broken.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="Violations">Each activity the hold forbade, oldest first.</param>
public sealed record HoldViolationItem(
    Guid DisputeId, string CaseNumber, string AccountId, decimal? ForfeitureExposure, string Currency, IReadOnlyList<HoldViolationResponse> Violations);

/// <summary>A page of the hold-violation list.</summary>
public sealed record HoldViolationPage(IReadOnlyList<HoldViolationItem> Items, int Page, int PageSize, long Total);

/// <summary>
/// <c>GET /api/compliance/hold-violations</c>: the disputes whose hold a downstream system broke (rule book sections 4 and 6),
/// newest case first, each with what was done, when, the duty broken and the forfeiture.
/// </summary>
public static class HoldViolationsEndpoint
{
    private const int MaxPageSize = 500;

    /// <summary>Paging: <c>page</c> (from 1), <c>pageSize</c> (1-500, default 50).</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/hold-violations")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session)
    {
        var errors = new FieldErrors();
        var page = errors.Number("page", http.Request.Query["page"], 1, 1, 1_000_000);
        var pageSize = errors.Number("pageSize", http.Request.Query["pageSize"], 50, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        // The violations live inside the dispute document; jsonb answers "has any" without loading the others.
        var disputes = await session.Query<Dispute>()
            .Where(d => d.Hold != null && d.Hold.Violations.Any())
            .OrderByDescending(d => d.CaseNumber)
            .Stats(out var stats)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(http.RequestAborted);
        var items = disputes
            .Select(d => new HoldViolationItem(d.Id, d.CaseNumber, d.AccountId, d.ForfeitureExposure, d.Currency, HoldResponse.From(d.Hold)!.Violations))
            .ToList();
        return Results.Ok(new HoldViolationPage(items, page, pageSize, stats.TotalResults));
    }
}

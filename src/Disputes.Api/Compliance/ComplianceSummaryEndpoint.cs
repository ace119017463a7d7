using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Projections.Compliance;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance;

/// <summary><c>GET /api/compliance/summary</c>: where the portfolio's clocks stand.</summary>
public static class ComplianceSummaryEndpoint
{
    /// <summary>
    /// Counts per clock and status, disputes breaching in the next 7 days, breaches between <c>from</c> and
    /// <c>to</c> (ISO instants; default the last 30 days) and the total forfeiture exposure. Every figure is kept by an
    /// asynchronous projection (the clock tally); <c>freshness</c> says how far they trail the event log.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/summary")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        var errors = new FieldErrors();
        var from = errors.Instant("from", http.Request.Query["from"]) ?? now - Duration.FromDays(30);
        var to = errors.Instant("to", http.Request.Query["to"]) ?? now;
        if (errors.IsEmpty && from >= to)
        {
            errors.Add("from", "must be before 'to'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var summary = await new ComplianceSummaryQuery(now, Duration.FromDays(7), from, to).RunAsync(session, http.RequestAborted);
        return Results.Ok(new
        {
            summary.Counts, summary.DisputesDueSoon, BreachesFrom = from, BreachesTo = to, summary.BreachedClocks,
            summary.BreachedDisputes, summary.TotalForfeitureExposure, summary.Freshness
        });
    }
}

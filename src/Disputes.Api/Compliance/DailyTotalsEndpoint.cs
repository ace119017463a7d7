using Disputes.Api.Identity;
using Disputes.Projections.Compliance;
using Disputes.Projections.Progress;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Compliance;

/// <summary>The portfolio's daily totals over a range of days, and how current they are.</summary>
/// <param name="From">First day (UTC calendar day), inclusive.</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="Days">One entry per day of the range, oldest first; days with nothing counted are all zeros.</param>
/// <param name="Freshness">
/// How far the totals trail the event log: they are kept by an asynchronous projection, so a dispute opened a
/// moment ago may not be counted yet. Measured just before the days were read, so the days are at least this current.
/// </param>
public sealed record DailyTotals(LocalDate From, LocalDate To, IReadOnlyList<ComplianceDay> Days, ProjectionLag Freshness);

/// <summary><c>GET /api/compliance/days</c>: what happened across the portfolio, day by day.</summary>
public static class DailyTotalsEndpoint
{
    /// <summary>The longest range one request may ask for, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Daily totals from <c>from</c> to <c>to</c> (ISO dates, inclusive; default the 30 UTC days up to today),
    /// at most 366 days. 400 for a malformed date, <c>from</c> after <c>to</c>, or a longer range.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/days")]
    [ProducesResponseType(typeof(DailyTotals), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var errors = new Problems.FieldErrors();
        var today = clock.GetCurrentInstant().InUtc().Date;
        var to = errors.Date("to", http.Request.Query["to"]) ?? today;
        var from = errors.Date("from", http.Request.Query["from"]) ?? to.PlusDays(-29);
        if (errors.IsEmpty && from > to)
        {
            errors.Add("from", "must not be after 'to'.");
        }
        else if (errors.IsEmpty && Period.DaysBetween(from, to) >= MaxDays)
        {
            errors.Add("to", $"must be at most {MaxDays} days after 'from' (inclusive).");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        // Freshness is read before the days: the projection commits its progress with its documents, so the days
        // read afterwards are at least as current as the freshness says, never less.
        var freshness = (await ProjectionLag.ReadAsync(session, [ComplianceDayProjection.ProjectionName], http.RequestAborted))[0];
        var ids = Enumerable.Range(0, Period.DaysBetween(from, to) + 1).Select(i => ComplianceDay.IdFor(from.PlusDays(i))).ToList();
        var counted = (await session.LoadManyAsync<ComplianceDay>(http.RequestAborted, ids)).ToDictionary(d => d.Id);
        var days = ids.Select(id => counted.GetValueOrDefault(id) ?? ComplianceDay.Empty(id)).ToList();
        return Results.Ok(new DailyTotals(from, to, days, freshness));
    }
}

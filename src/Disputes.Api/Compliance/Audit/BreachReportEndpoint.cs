using System.Globalization;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Clocks;
using Disputes.Projections.Compliance;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Disputes.Api.Compliance.Audit;

/// <summary>One clock that breached in the period.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Clock">Which clock breached.</param>
/// <param name="DueOn">The due date that was missed, in the account's time zone.</param>
/// <param name="BreachedAt">The breach instant: the start of the day after the due date.</param>
/// <param name="Amount">The disputed amount.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="ForfeitureExposure">The dispute's exposure (amount + finance charges, capped at 50); the same on both clocks of a dispute.</param>
public sealed record BreachReportItem(
    Guid DisputeId,
    string CaseNumber,
    string AccountId,
    ComplianceClock Clock,
    LocalDate? DueOn,
    Instant BreachedAt,
    decimal Amount,
    string Currency,
    decimal ForfeitureExposure);

/// <summary>The breaches of a period and what they expose the issuer to.</summary>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Items">Each breached clock, oldest breach first.</param>
/// <param name="BreachedClocks">How many clocks breached.</param>
/// <param name="BreachedDisputes">How many disputes had a clock breach.</param>
/// <param name="TotalForfeitureExposure">The exposure of those disputes, each counted once.</param>
public sealed record BreachReport(
    Instant From, Instant To, IReadOnlyList<BreachReportItem> Items, int BreachedClocks, int BreachedDisputes, decimal TotalForfeitureExposure);

/// <summary><c>GET /api/compliance/breaches</c>: breaches in a period with their forfeiture exposure, as JSON or CSV.</summary>
public static class BreachReportEndpoint
{
    private static readonly InstantPattern FileStamp = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    private static readonly string[] CsvHeader =
        ["disputeId", "caseNumber", "accountId", "clock", "dueOn", "breachedAt", "amount", "currency", "forfeitureExposure"];

    /// <summary>
    /// Breaches with <c>breachedAt</c> in [<c>from</c>, <c>to</c>) (ISO instants; default the last 30 days).
    /// <c>format=csv</c> answers the same rows as <c>text/csv</c> (RFC 4180, header row, formulas neutralised); <c>format=json</c>
    /// (the default) as JSON. 400 for a malformed instant, <c>from</c> not before <c>to</c>, or an unknown format.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/breaches")]
    [ProducesResponseType(typeof(BreachReport), StatusCodes.Status200OK, "application/json", "text/csv")]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, IClock clock)
    {
        var query = http.Request.Query;
        var now = clock.GetCurrentInstant();
        var errors = new FieldErrors();
        var from = errors.Instant("from", query["from"]) ?? now - Duration.FromDays(30);
        var to = errors.Instant("to", query["to"]) ?? now;
        var format = query["format"].ToString();
        var csv = format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format.Length > 0 && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("format", "must be json or csv.");
        }

        if (errors.IsEmpty && from >= to)
        {
            errors.Add("from", "must be before 'to'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var rows = await new BreachReportQuery(from, to).RunAsync(session, http.RequestAborted);
        var items = rows.Select(r => new BreachReportItem(
            r.DisputeId, r.CaseNumber, r.AccountId, r.Clock, r.DueOn, r.BreachedAt!.Value, r.Amount, r.Currency, r.ForfeitureExposure)).ToList();
        if (csv)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"breaches-{FileStamp.Format(from)}-{FileStamp.Format(to)}.csv\"";
            return Results.Text(ToCsv(items), "text/csv; charset=utf-8");
        }

        return Results.Ok(new BreachReport(from, to, items, items.Count, items.Select(i => i.DisputeId).Distinct().Count(),
            BreachReportQuery.TotalExposure(rows)));
    }

    /// <summary>The rows as CSV (<see cref="CsvExports"/>).</summary>
    private static string ToCsv(IEnumerable<BreachReportItem> items) =>
        CsvExports.Write(CsvHeader, items.Select(i => (IReadOnlyList<string>)
        [
            i.DisputeId.ToString(), i.CaseNumber, i.AccountId, FieldErrors.SnakeCase(i.Clock),
            i.DueOn is { } due ? LocalDatePattern.Iso.Format(due) : "", InstantPattern.ExtendedIso.Format(i.BreachedAt),
            Money(i.Amount), i.Currency, Money(i.ForfeitureExposure),
        ]));

    // Always two decimals, with a point: spreadsheets in any locale read the column as the same number.
    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}

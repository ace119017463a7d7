using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Accounts;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using Disputes.Domain.Streams;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Holds;

/// <summary>Body of <c>POST /api/accounts/{accountId}/activity</c>: what a downstream system did on the account.</summary>
/// <param name="IdempotencyKey">The reporting system's own id for this activity, 1 to 128 characters: the same key twice is one record.</param>
/// <param name="Kind"><c>collection_attempt</c>, <c>autopay_debit</c>, <c>bureau_report</c> or <c>account_restriction</c>.</param>
/// <param name="At">When it was done (ISO instant, not in the future).</param>
/// <param name="Amount">The amount collected, debited or reported, when there is one.</param>
/// <param name="BalanceBefore">For a collection or an autopay debit: the balance it drew on, so what it took can be set against what is held.</param>
/// <param name="Status">For a bureau report: <c>current</c>, <c>in_dispute</c>, <c>delinquent</c> or <c>delinquent_in_dispute</c>.</param>
/// <param name="StatedCause">For a report or a restriction made for a reason other than the dispute: that reason.</param>
public sealed record ReportAccountActivityRequest(
    string? IdempotencyKey, string? Kind, Instant? At, decimal? Amount, decimal? BalanceBefore, string? Status, [FreeText] string? StatedCause);

/// <summary>An activity as recorded, with what each of the account's disputes made of it.</summary>
/// <param name="ActivityId">The record's id.</param>
/// <param name="AccountId">The account.</param>
/// <param name="IdempotencyKey">The reporting system's key.</param>
/// <param name="Activity">What was reported.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Judgments">One per dispute of the account that holds or held something, with the verdict.</param>
public sealed record ReportedActivity(
    Guid ActivityId, string AccountId, string IdempotencyKey, AccountActivity Activity, Instant RecordedAt, IReadOnlyList<ActivityJudgment> Judgments)
{
    /// <summary>The document id (Marten's convention); the same as <see cref="ActivityId"/>.</summary>
    public Guid Id => ActivityId;
}

/// <summary>What one dispute's hold made of an activity.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="CaseNumber">Its case number.</param>
/// <param name="Violated">True when the hold forbade it: a <c>hold_violated</c> step on the dispute, with the forfeiture.</param>
/// <param name="Rule">For a violation, the duty broken.</param>
/// <param name="Why">Why it was forbidden or allowed.</param>
public sealed record ActivityJudgment(Guid DisputeId, string CaseNumber, bool Violated, string? Rule, string Why);

/// <summary>
/// <c>POST /api/accounts/{accountId}/activity</c>: the card processor, collections or the credit-bureau furnisher reports
/// what it did on an account; each dispute's hold judges it as it stood when it happened (rule book sections 4 and 6).
/// </summary>
public static class ReportAccountActivityEndpoint
{
    /// <summary>
    /// 201 with the record and each dispute's verdict; 200 with the first record when the key was reported already;
    /// 404 for an unknown account; 400 for a malformed activity.
    /// </summary>
    [Authorize(Policy = Policies.ReportActivity)]
    [WolverinePost("/api/accounts/{accountId}/activity")]
    [ProducesResponseType(typeof(ReportedActivity), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ReportedActivity), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Post(
        string accountId, ReportAccountActivityRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        var errors = new FieldErrors();
        var key = errors.Text("idempotencyKey", request?.IdempotencyKey, 128);
        var kind = errors.Choice<ActivityKind>("kind", request?.Kind);
        var status = errors.Choice<CreditReportStatus>("status", request?.Status, required: kind == ActivityKind.BureauReport);
        var cause = errors.Text("statedCause", request?.StatedCause, 1000, required: false);
        var at = errors.Required("at", request?.At);
        if (at > now)
        {
            errors.Add("at", "must not be in the future.");
        }

        foreach (var (field, value) in new[] { ("amount", request?.Amount), ("balanceBefore", request?.BalanceBefore) })
        {
            if (value is not null && value != 0m)
            {
                errors.Money(field, value);
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var id = StreamIds.ForActivity(accountId, key!);
        if (await session.LoadAsync<ReportedActivity>(id, http.RequestAborted) is { } reported)
        {
            return Results.Ok(reported);
        }

        if (await session.LoadAsync<Account>(StreamIds.ForAccount(accountId), http.RequestAborted) is null)
        {
            return Problem.NotFound($"Account {accountId}");
        }

        var activity = new AccountActivity(kind!.Value, at!.Value, request!.Amount, request.BalanceBefore, status, cause);
        var holding = await session.Query<Dispute>().Where(d => d.AccountId == accountId && d.Hold != null).ToListAsync(http.RequestAborted);
        var judgments = new List<ActivityJudgment>(holding.Count);
        foreach (var candidate in holding)
        {
            var stream = await session.Events.FetchForWriting<Dispute>(candidate.Id, http.RequestAborted);
            var dispute = stream.Aggregate!;
            var heldByOthers = holding.Where(o => o.Id != dispute.Id).Sum(o => o.Hold!.StandingAt(activity.At)?.Amount ?? 0m);
            var events = JudgeActivity.Decide(activity, dispute, dispute.Hold, now, heldByOthers);
            stream.AppendMany(events);
            judgments.Add(events[^1] switch
            {
                HoldViolated v => new ActivityJudgment(dispute.Id, dispute.CaseNumber, true, v.Rule, v.Why),
                AllowedActivityRecorded a => new ActivityJudgment(dispute.Id, dispute.CaseNumber, false, null, a.Why),
                var other => throw new InvalidOperationException($"JudgeActivity ended with {other.GetType().Name}."),
            });
        }

        var record = new ReportedActivity(id, accountId, key!, activity, now, judgments);
        session.Insert(record);
        return Results.Created($"/api/accounts/{Uri.EscapeDataString(accountId)}/activity/{id}", record);
    }
}

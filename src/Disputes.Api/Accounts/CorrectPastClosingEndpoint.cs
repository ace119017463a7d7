using Disputes.Api.Disputes.Timing;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Accounts;
using Disputes.Domain.Streams;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace Disputes.Api.Accounts;

/// <summary>Body of <c>POST /api/accounts/{accountId}/past-closings/corrections</c>.</summary>
/// <param name="RecordedClosingDate">
/// The past closing date as the account's calendar history shows it; leave it out when the history lacks the closing
/// altogether (its calendar does not reach back far enough), and the correction adds it.
/// </param>
/// <param name="CorrectClosingDate">The day the cycle really closed: before today, and between the closings around it.</param>
/// <param name="Reason">Why the recorded date was wrong, for the audit history; required.</param>
public sealed record CorrectPastClosingRequest(LocalDate? RecordedClosingDate, LocalDate? CorrectClosingDate, [FreeText] string? Reason)
{
    /// <summary>The longest reason accepted, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The command, or the errors that stop it.</summary>
    public (CorrectPastClosing? Command, FieldErrors Errors) ToCommand()
    {
        var errors = new FieldErrors();
        var correct = errors.Required("correctClosingDate", CorrectClosingDate);
        var reason = errors.Text("reason", Reason, MaxReasonLength);
        return errors.IsEmpty ? (new CorrectPastClosing(RecordedClosingDate, correct!.Value, reason!), errors) : (null, errors);
    }
}

/// <summary>
/// A supervisor or compliance officer corrects a past closing that was recorded on the wrong day, or adds one the history
/// lacks (rule book section 3):
/// the one change a past closing allows, audited in the account's history with who made it and why. Each open dispute of
/// the account is then decided again as after a calendar change: breaches due by now are recorded first, a pending
/// resolution deadline may become earlier (and breach at once when it has passed), and no recorded breach is removed.
/// </summary>
public static class CorrectPastClosingEndpoint
{
    /// <summary>400 naming each missing field; a correction without a reason is refused.</summary>
    public static IResult? Validate(CorrectPastClosingRequest request) => request.ToCommand().Errors.ToResultOrNull();

    /// <summary>
    /// 200 with the account (its <c>closingCorrections</c>, and <c>recomputedDisputes</c>: how many open disputes get a new
    /// deadline); 404 for an unknown account; 400 when a date is not a past closing, not past, or would reorder the cycles.
    /// </summary>
    [Authorize(Policy = Policies.CorrectPastClosings)]
    [WolverinePost("/api/accounts/{accountId}/past-closings/corrections")]
    public static async Task<IResult> Post(
        string accountId, CorrectPastClosingRequest request, HttpContext http, IDocumentSession session, IMessageBus bus, IClock clock)
    {
        var stream = await session.Events.FetchForWriting<Account>(StreamIds.ForAccount(accountId), http.RequestAborted);
        if (stream.Aggregate is not { } account)
        {
            return Problem.NotFound($"Account {accountId}");
        }

        var now = clock.GetCurrentInstant();
        var corrected = request.ToCommand().Command!.Decide(account, now);
        stream.AppendOne(corrected);
        var after = account.Evolve(corrected);
        var recomputed = await OpenDisputesRecompute.PublishAsync(
            after, Caller.Of(http.User).Actor, corrected.Correction, session, bus, now, http.RequestAborted);
        return Results.Ok(RegisterAccountEndpoint.ToResponse(after, recomputed));
    }
}

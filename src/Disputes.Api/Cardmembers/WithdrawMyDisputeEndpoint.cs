using Disputes.Api.Cardmembers.Wording;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Withdrawing;
using Disputes.Domain.Holds;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Cardmembers;

/// <summary>Body of <c>POST /api/me/disputes/{caseNumber}/withdraw</c>; the body itself is optional.</summary>
/// <param name="Reason">Why the cardmember withdraws, optional; screened for sensitive data like any free text.</param>
public sealed record WithdrawMyDisputeRequest([FreeText] string? Reason);

/// <summary><c>POST /api/me/disputes/{caseNumber}/withdraw</c>: the cardmember withdraws the notice; pending clocks stop.</summary>
public static class WithdrawMyDisputeEndpoint
{
    /// <summary>
    /// 200 with the cardmember's view of the withdrawn dispute; 409 when it is resolved or withdrawn already;
    /// 404 for a case of an account the token does not name; 400/422 for a bad or sensitive reason.
    /// </summary>
    /// <remarks>
    /// A cardmember sends no version: the withdrawal is decided on the dispute as it stands, loaded under the stream's
    /// lock, so an agent's step is either before it (and the domain decides on it) or after it (and that agent, having
    /// decided on the version before, gets 409).
    /// </remarks>
    [Authorize(Policy = Policies.OwnDisputes)]
    [WolverinePost("/api/me/disputes/{caseNumber}/withdraw")]
    [ProducesResponseType(typeof(CardmemberDispute), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<IResult> Post(
        string caseNumber, WithdrawMyDisputeRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var words = CardmemberLanguage.For(http.Request);
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, 1000, required: false);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        var found = await MyDisputes.FindAsync(session, Caller.Of(http.User), caseNumber, http.RequestAborted);
        if (found is null)
        {
            return MyDisputes.NotFound(caseNumber);
        }

        var stream = await session.Events.FetchForExclusiveWriting<Dispute>(found.Id, http.RequestAborted);
        var dispute = stream.Aggregate!;
        var now = clock.GetCurrentInstant();
        IReadOnlyList<object> events;
        try
        {
            events = FollowDispute.WithHold(dispute, WithdrawDispute.Decide(dispute, reason, now));
        }
        catch (DisputeRuleViolation refused)
        {
            // The domain decides; the cardmember reads its refusal in their own words.
            return Problem.RuleViolation(refused.Rule, words.Refusal(refused.Rule));
        }

        stream.AppendMany(events);
        var history = (await session.Events.FetchStreamAsync(found.Id, token: http.RequestAborted)).Select(e => e.Data).Concat(events);
        CardmemberLanguage.Announce(http.Response, words);
        return Results.Ok(CardmemberDispute.From(events.Aggregate(dispute, (d, e) => d.Evolve(e)), history, now, words));
    }
}

using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes.Reopening;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Reopening;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/reopening</c>.</summary>
/// <param name="Reason">What the cardmember reasserted.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record ReopenDisputeRequest([FreeText] string? Reason, long? ExpectedVersion);

/// <summary>Reopens a resolved dispute as a reassertion; no clock restarts (1026.13(h)).</summary>
public static class ReopenDisputeEndpoint
{
    /// <summary>200 with the dispute; 409 unless it is resolved.</summary>
    [Authorize(Policy = Policies.Reopen)]
    [WolverinePost("/api/disputes/{disputeId}/reopening")]
    public static async Task<IResult> Post(Guid disputeId, ReopenDisputeRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, 1000);
        if (reason is null)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => ReopenDispute.Decide(dispute, reason, now));
    }
}

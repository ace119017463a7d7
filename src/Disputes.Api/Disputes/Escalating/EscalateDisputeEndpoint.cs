using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Escalating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Escalating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/escalation</c>.</summary>
/// <param name="To"><c>supervisor</c>, <c>disputes</c>, <c>credit</c> or <c>rewards</c>.</param>
/// <param name="Reason">Why.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record EscalateDisputeRequest(string? To, [FreeText] string? Reason, long? ExpectedVersion);

/// <summary>Hands the dispute to a supervisor or a team.</summary>
public static class EscalateDisputeEndpoint
{
    /// <summary>200 with the dispute; 409 when resolved, withdrawn or already with that target.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/escalation")]
    public static async Task<IResult> Post(Guid disputeId, EscalateDisputeRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var to = errors.Choice<EscalationTarget>("to", request?.To);
        var reason = errors.Text("reason", request?.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => EscalateDispute.Decide(dispute, to!.Value, reason!, now));
    }
}

using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Escalating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

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
    public static (IResult, Events) Post(EscalateDisputeRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        var errors = new FieldErrors();
        var to = errors.Choice<EscalationTarget>("to", request.To);
        var reason = errors.Text("reason", request.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, EscalateDispute.Decide(dispute, to!.Value, reason!, clock.GetCurrentInstant()));
    }
}

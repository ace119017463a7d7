using Disputes.Api.Identity;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Acknowledging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Acknowledging;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/acknowledgment</c>.</summary>
/// <param name="ExpectedVersion">The dispute version the agent decided on (or send If-Match).</param>
public sealed record AcknowledgeDisputeRequest(long? ExpectedVersion);

/// <summary>An agent records that the written acknowledgment was sent.</summary>
public static class AcknowledgeDisputeEndpoint
{
    /// <summary>200 with the dispute; 409 when already acknowledged, resolved or withdrawn.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/acknowledgment")]
    public static (IResult, Events) Post(
        AcknowledgeDisputeRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, AcknowledgeDispute.Decide(dispute, clock.GetCurrentInstant()));
    }
}

using Disputes.Domain.Disputes.Acknowledging;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

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
    public static Task<IResult> Post(Guid disputeId, AcknowledgeDisputeRequest? request, HttpContext http, IDocumentSession session, IClock clock) =>
        DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion, AcknowledgeDispute.Decide);
}

using Disputes.Api.Disputes;
using Disputes.Api.Identity;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Reviewing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Complaints.Reviewing;

/// <summary>Body of <c>POST /api/complaints/{complaintId}/review</c>.</summary>
/// <param name="ExpectedVersion">The complaint version the agent decided on (or send If-Match).</param>
public sealed record ReviewComplaintRequest(long? ExpectedVersion);

/// <summary>An agent or a supervisor takes a complaint up.</summary>
public static class ReviewComplaintEndpoint
{
    /// <summary>200 with the complaint; 409 when it is closed, in review already, or answered (<c>rule</c> says which).</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/complaints/{complaintId}/review")]
    public static (IResult, Events) Post(
        ReviewComplaintRequest request, [WriteAggregate] Complaint complaint, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        DecidedVersion.Require(complaint.Version, request.ExpectedVersion, ifMatch, ComplaintAnswer.What);
        return ComplaintAnswer.For(complaint, ReviewComplaint.Decide(complaint, clock.GetCurrentInstant()));
    }
}

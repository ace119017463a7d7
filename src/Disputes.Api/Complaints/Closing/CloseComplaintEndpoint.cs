using Disputes.Api.Disputes;
using Disputes.Api.Identity;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Closing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Complaints.Closing;

/// <summary>Body of <c>POST /api/complaints/{complaintId}/closing</c>.</summary>
/// <param name="ExpectedVersion">The complaint version the agent decided on (or send If-Match).</param>
public sealed record CloseComplaintRequest(long? ExpectedVersion);

/// <summary>An agent or a supervisor closes a complaint: the answer on record becomes the final one, meeting the 60-day deadline.</summary>
public static class CloseComplaintEndpoint
{
    /// <summary>200 with the complaint; 409 when it is closed already or nobody answered the cardmember yet (<c>rule</c> says which).</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/complaints/{complaintId}/closing")]
    public static (IResult, Events) Post(
        CloseComplaintRequest request, [WriteAggregate] Complaint complaint, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        DecidedVersion.Require(complaint.Version, request.ExpectedVersion, ifMatch, ComplaintAnswer.What);
        return ComplaintAnswer.For(complaint, CloseComplaint.Decide(complaint, clock.GetCurrentInstant()));
    }
}

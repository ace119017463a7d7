using Disputes.Api.Disputes;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Reopening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Complaints.Reopening;

/// <summary>Body of <c>POST /api/complaints/{complaintId}/reopening</c>.</summary>
/// <param name="Reason">Why it is taken up again, e.g. what the cardmember disagreed with; screened like all free text.</param>
/// <param name="ExpectedVersion">The complaint version the agent decided on (or send If-Match).</param>
public sealed record ReopenComplaintRequest([FreeText] string? Reason, long? ExpectedVersion);

/// <summary>An agent or a supervisor takes a closed complaint up again; its deadlines do not start again.</summary>
public static class ReopenComplaintEndpoint
{
    /// <summary>400 naming <c>reason</c> when it is missing, blank or too long.</summary>
    public static IResult? Validate(ReopenComplaintRequest request)
    {
        var errors = new FieldErrors();
        errors.Text("reason", request.Reason, 1000);
        return errors.ToResultOrNull();
    }

    /// <summary>200 with the complaint; 409 unless it is closed.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/complaints/{complaintId}/reopening")]
    public static (IResult, Events) Post(
        ReopenComplaintRequest request, [WriteAggregate] Complaint complaint, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        DecidedVersion.Require(complaint.Version, request.ExpectedVersion, ifMatch, ComplaintAnswer.What);
        return ComplaintAnswer.For(complaint, ReopenComplaint.Decide(complaint, request.Reason!.Trim(), clock.GetCurrentInstant()));
    }
}

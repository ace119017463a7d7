using Disputes.Api.Disputes;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Responding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Complaints.Responding;

/// <summary>Body of <c>POST /api/complaints/{complaintId}/response</c>.</summary>
/// <param name="Text">The response sent to the cardmember; must hold no card number, security code, SSN or passcode.</param>
/// <param name="ExpectedVersion">The complaint version the agent decided on (or send If-Match).</param>
public sealed record RespondToComplaintRequest([FreeText] string? Text, long? ExpectedVersion);

/// <summary>An agent or a supervisor records the answer sent to the cardmember; the first one meets the 15-day deadline.</summary>
public static class RespondToComplaintEndpoint
{
    /// <summary>400 naming <c>text</c> when it is missing, blank or too long.</summary>
    public static IResult? Validate(RespondToComplaintRequest request)
    {
        var errors = new FieldErrors();
        errors.Text("text", request.Text, 4000);
        return errors.ToResultOrNull();
    }

    /// <summary>200 with the complaint; 409 when it is closed or answered already and waiting to be closed (<c>rule</c> says which).</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/complaints/{complaintId}/response")]
    public static (IResult, Events) Post(
        RespondToComplaintRequest request, [WriteAggregate] Complaint complaint, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        DecidedVersion.Require(complaint.Version, request.ExpectedVersion, ifMatch, ComplaintAnswer.What);
        return ComplaintAnswer.For(complaint, RespondToComplaint.Decide(complaint, request.Text!.Trim(), clock.GetCurrentInstant()));
    }
}

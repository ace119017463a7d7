using Disputes.Api.Compliance.Audit;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Complaints;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Complaints.Compliance;

/// <summary>The whole audit trail of a complaint, oldest event first.</summary>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="DisputeId">The dispute it is about, when there is one.</param>
/// <param name="CaseNumber">That dispute's case number.</param>
/// <param name="Events">Every event of its stream, oldest first, each with who caused it.</param>
public sealed record ComplaintHistory(Guid ComplaintId, string Reference, Guid? DisputeId, string? CaseNumber, IReadOnlyList<DisputeHistoryEvent> Events);

/// <summary><c>GET /api/compliance/complaints/{complaintId}/history</c>: who did what to a complaint, and when.</summary>
public static class ComplaintHistoryEndpoint
{
    /// <summary>200 with every event of the complaint's stream, oldest first; 404 when the complaint is unknown.</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/complaints/{complaintId}/history")]
    [ProducesResponseType(typeof(ComplaintHistory), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid complaintId, HttpContext http, IQuerySession session)
    {
        var events = await session.Events.FetchStreamAsync(complaintId, token: http.RequestAborted);

        // Dispute and account streams share the id space; only a stream a complaint started is a complaint's history.
        if (events is not [{ Data: ComplaintReceived received }, ..])
        {
            return Problem.NotFound($"Complaint {complaintId}");
        }

        return Results.Ok(new ComplaintHistory(
            complaintId, received.Reference, received.DisputeId, received.CaseNumber, DisputeHistoryEvent.Trail(events, ComplaintStep.TimeOf)));
    }
}

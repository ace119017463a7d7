using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Complaints;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Complaints.Reading;

/// <summary>Reads a complaint with its deadlines and steps.</summary>
public static class GetComplaintEndpoint
{
    /// <summary>200 with the complaint (ETag: its version), 404 when unknown.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/complaints/{complaintId}")]
    public static async Task<IResult> Get(Guid complaintId, HttpContext http, IQuerySession session) =>
        await session.LoadAsync<Complaint>(complaintId, http.RequestAborted) is { } complaint
            ? new ComplaintAnswer(complaint)
            : Problem.NotFound($"Complaint {complaintId}");
}

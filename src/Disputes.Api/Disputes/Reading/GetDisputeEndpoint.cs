using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Reading;

/// <summary>Reads a dispute with its clocks and steps.</summary>
public static class GetDisputeEndpoint
{
    /// <summary>200 with the dispute (ETag: its version), 404 when unknown.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes/{disputeId}")]
    public static async Task<IResult> ById(Guid disputeId, HttpContext http, IQuerySession session) =>
        await session.LoadAsync<Dispute>(disputeId, http.RequestAborted) is { } dispute
            ? new DisputeAnswer(dispute)
            : Problem.NotFound($"Dispute {disputeId}");

    /// <summary>200 with the dispute of a case number such as <c>DSP-2025-000042</c>, 404 when unknown.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes/by-case/{caseNumber}")]
    public static async Task<IResult> ByCaseNumber(string caseNumber, HttpContext http, IQuerySession session) =>
        await session.Query<Dispute>().FirstOrDefaultAsync(d => d.CaseNumber == caseNumber, http.RequestAborted) is { } dispute
            ? new DisputeAnswer(dispute)
            : Problem.NotFound($"Case {caseNumber}");
}

using Disputes.Domain.Disputes.Investigating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Records documents that arrived from the cardmember or the merchant.</summary>
public static class ReceiveDocumentsEndpoint
{
    /// <summary>200 with the dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/documents-received")]
    public static async Task<IResult> Post(Guid disputeId, DocumentsRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var (from, documents, errors) = (request ?? new DocumentsRequest(null, null, null)).Validate();
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => InvestigationSteps.ReceiveDocuments(dispute, from!.Value, documents!, now));
    }
}

using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Investigating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/document-requests</c> and <c>.../documents-received</c>.</summary>
/// <param name="From"><c>cardmember</c> or <c>merchant</c>.</param>
/// <param name="Documents">What was asked for, or what arrived.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record DocumentsRequest(string? From, [FreeText] string? Documents, long? ExpectedVersion)
{
    /// <summary>The checked fields, or the errors.</summary>
    public (DocumentSource? From, string? Documents, FieldErrors Errors) Validate()
    {
        var errors = new FieldErrors();
        var from = errors.Choice<DocumentSource>("from", From);
        var documents = errors.Text("documents", Documents, 2000);
        return (from, documents, errors);
    }
}

/// <summary>Records that documents were requested from the cardmember or the merchant.</summary>
public static class RequestDocumentsEndpoint
{
    /// <summary>200 with the dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/document-requests")]
    public static async Task<IResult> Post(Guid disputeId, DocumentsRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var (from, documents, errors) = (request ?? new DocumentsRequest(null, null, null)).Validate();
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => InvestigationSteps.RequestDocuments(dispute, from!.Value, documents!, now));
    }
}

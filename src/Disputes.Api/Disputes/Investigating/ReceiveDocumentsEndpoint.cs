using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Investigating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/documents-received</c>.</summary>
/// <param name="From"><c>cardmember</c> or <c>merchant</c>.</param>
/// <param name="Documents">What arrived.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record ReceiveDocumentsRequest(string? From, [FreeText] string? Documents, long? ExpectedVersion)
{
    /// <summary>The checked fields; what is wrong goes to <paramref name="errors"/>.</summary>
    public (DocumentSource? From, string? Documents) Check(FieldErrors errors) =>
        (errors.Choice<DocumentSource>("from", From), errors.Text("documents", Documents, 2000));
}

/// <summary>Records documents that arrived from the cardmember or the merchant.</summary>
public static class ReceiveDocumentsEndpoint
{
    /// <summary>200 with the dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/documents-received")]
    public static (IResult, Events) Post(ReceiveDocumentsRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        var errors = new FieldErrors();
        var (from, documents) = request.Check(errors);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, InvestigationSteps.ReceiveDocuments(dispute, from!.Value, documents!, clock.GetCurrentInstant()));
    }
}

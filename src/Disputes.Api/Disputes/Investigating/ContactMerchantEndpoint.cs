using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes.Investigating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/merchant-contacts</c>.</summary>
/// <param name="Summary">What was asked or said.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record ContactMerchantRequest([FreeText] string? Summary, long? ExpectedVersion);

/// <summary>Records contact with the merchant.</summary>
public static class ContactMerchantEndpoint
{
    /// <summary>200 with the dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/merchant-contacts")]
    public static async Task<IResult> Post(Guid disputeId, ContactMerchantRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var summary = errors.Text("summary", request?.Summary, 2000);
        if (summary is null)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => InvestigationSteps.ContactMerchant(dispute, summary, now));
    }
}

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
    public static (IResult, Events) Post(ContactMerchantRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        var errors = new FieldErrors();
        var summary = errors.Text("summary", request.Summary, 2000);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, InvestigationSteps.ContactMerchant(dispute, summary!, clock.GetCurrentInstant()));
    }
}

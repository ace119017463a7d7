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

/// <summary>Body of <c>POST /api/disputes/{disputeId}/provisional-credits</c>.</summary>
/// <param name="Amount">The credit posted, in the dispute's currency.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record IssueProvisionalCreditRequest(decimal? Amount, long? ExpectedVersion);

/// <summary>Records a provisional credit; it stops no clock.</summary>
public static class IssueProvisionalCreditEndpoint
{
    /// <summary>200 with the dispute; 409 when it would credit more than is disputed.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/provisional-credits")]
    public static (IResult, Events) Post(IssueProvisionalCreditRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        var errors = new FieldErrors();
        var amount = errors.Money("amount", request.Amount);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, InvestigationSteps.IssueProvisionalCredit(dispute, amount!.Value, clock.GetCurrentInstant()));
    }
}

using Disputes.Api.Problems;
using Disputes.Domain.Disputes.Investigating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

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
    public static async Task<IResult> Post(Guid disputeId, IssueProvisionalCreditRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var amount = errors.Money("amount", request?.Amount);
        if (amount is null)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
            (dispute, now) => InvestigationSteps.IssueProvisionalCredit(dispute, amount.Value, now));
    }
}

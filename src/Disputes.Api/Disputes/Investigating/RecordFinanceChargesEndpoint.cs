using Disputes.Api.Problems;
using Disputes.Domain.Disputes.Investigating;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disputes.Api.Disputes.Investigating;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/finance-charges</c>.</summary>
/// <param name="Amount">Finance charges related to the disputed amount, in the dispute's currency.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record RecordFinanceChargesRequest(decimal? Amount, long? ExpectedVersion);

/// <summary>Records related finance charges; they count toward forfeiture exposure (capped at 50).</summary>
public static class RecordFinanceChargesEndpoint
{
    /// <summary>200 with the dispute.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/finance-charges")]
    public static async Task<IResult> Post(Guid disputeId, RecordFinanceChargesRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var amount = errors.Money("amount", request?.Amount);
        if (amount is null)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
            (dispute, now) => InvestigationSteps.RecordFinanceCharges(dispute, amount.Value, now));
    }
}

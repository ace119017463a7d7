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
    public static (IResult, Events) Post(RecordFinanceChargesRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        var errors = new FieldErrors();
        var amount = errors.Money("amount", request.Amount);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, InvestigationSteps.RecordFinanceCharges(dispute, amount!.Value, clock.GetCurrentInstant()));
    }
}

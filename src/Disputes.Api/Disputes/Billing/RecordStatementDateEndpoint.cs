using Disputes.Api.Disputes.Opening;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Billing;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/statement-date</c>.</summary>
/// <param name="StatementTransmittedOn">The date the first statement showing the charge was transmitted (or should have been).</param>
/// <param name="ExpectedVersion">The dispute version the agent decided on (or send If-Match).</param>
public sealed record RecordStatementDateRequest(LocalDate? StatementTransmittedOn, long? ExpectedVersion);

/// <summary>
/// An agent records the statement date of a charge that was not yet billed at intake: the filing window is then shown for
/// real. The clocks stay as they are, so a notice taken as timely stays protected (rule book section 1).
/// </summary>
public static class RecordStatementDateEndpoint
{
    /// <summary>400 without a date, or with one before 1900.</summary>
    public static IResult? Validate(RecordStatementDateRequest request)
    {
        var errors = new FieldErrors();
        if (errors.Required("statementTransmittedOn", request.StatementTransmittedOn) < OpenDisputeRequest.EarliestDate)
        {
            errors.Add("statementTransmittedOn", $"must be on or after {OpenDisputeRequest.EarliestDate:yyyy-MM-dd}.");
        }

        return errors.ToResultOrNull();
    }

    /// <summary>
    /// 200 with the dispute; 409 (<c>statement_date_known</c>) when the date is known already; 400 for a statement dated
    /// before the charge or after today.
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/statement-date")]
    public static (IResult, Events) Post(
        RecordStatementDateRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, RecordStatementDate.Decide(dispute, request.StatementTransmittedOn!.Value, clock.GetCurrentInstant()));
    }
}

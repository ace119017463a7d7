using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Withdrawing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Withdrawing;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/withdrawal</c>.</summary>
/// <param name="Reason">What the cardmember said, optional.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record WithdrawDisputeRequest([FreeText] string? Reason, long? ExpectedVersion);

/// <summary>The cardmember's withdrawal, recorded by an agent: pending clocks stop.</summary>
public static class WithdrawDisputeEndpoint
{
    /// <summary>200 with the dispute; 409 when resolved or withdrawn already.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/withdrawal")]
    public static (IResult, Events) Post(WithdrawDisputeRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, 1000, required: false);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        return DisputeCommand.Answer(dispute, WithdrawDispute.Decide(dispute, reason, clock.GetCurrentInstant()));
    }
}

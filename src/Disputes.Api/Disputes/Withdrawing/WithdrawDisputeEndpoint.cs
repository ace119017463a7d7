using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes.Withdrawing;
using Marten;
using NodaTime;
using Disputes.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

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
    public static async Task<IResult> Post(Guid disputeId, WithdrawDisputeRequest? request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, 1000, required: false);
        if (!errors.IsEmpty)
        {
            return errors.ToResult();
        }

        return await DisputeCommand.RunAsync(http, session, clock, disputeId, request?.ExpectedVersion,
                (dispute, now) => WithdrawDispute.Decide(dispute, reason, now));
    }
}

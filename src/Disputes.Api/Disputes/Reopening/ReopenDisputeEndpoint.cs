using Disputes.Api.Holds;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Reopening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Reopening;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/reopening</c>.</summary>
/// <param name="Reason">What the cardmember reasserted.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
public sealed record ReopenDisputeRequest([FreeText] string? Reason, long? ExpectedVersion);

/// <summary>Reopens a resolved dispute as a reassertion; no clock restarts (1026.13(h)).</summary>
public static class ReopenDisputeEndpoint
{
    /// <summary>200 with the dispute; 409 unless it is resolved.</summary>
    [Authorize(Policy = Policies.Reopen)]
    [WolverinePost("/api/disputes/{disputeId}/reopening")]
    public static async Task<(IResult, Events)> Post(ReopenDisputeRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock, IMessageBus bus, HoldTimers holdTimers)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return (errors.ToResult(), []);
        }

        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var (answer, events) = DisputeCommand.Answer(dispute, ReopenDispute.Decide(dispute, reason!, clock.GetCurrentInstant()));
        await holdTimers.ScheduleAsync(bus, answer.Dispute);
        return (answer, events);
    }
}

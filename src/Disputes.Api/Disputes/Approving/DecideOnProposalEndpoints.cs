using System.Security.Claims;
using Disputes.Api.Holds;
using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Approving;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Approving;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/resolution-approval</c>.</summary>
/// <param name="ProposalId">The proposal approved, as the dispute's <c>pendingResolution</c> names it.</param>
/// <param name="ExpectedVersion">The dispute version the supervisor decided on (or send If-Match).</param>
public sealed record ApproveResolutionRequest(Guid? ProposalId, long? ExpectedVersion);

/// <summary>Body of <c>POST /api/disputes/{disputeId}/resolution-rejection</c>.</summary>
/// <param name="ProposalId">The proposal returned.</param>
/// <param name="Reason">Why, for the agent who proposed it.</param>
/// <param name="ExpectedVersion">The dispute version the supervisor decided on (or send If-Match).</param>
public sealed record RejectResolutionRequest(Guid? ProposalId, [FreeText] string? Reason, long? ExpectedVersion);

/// <summary>A second supervisor approves a proposed denial or partial credit: it takes effect and its letter is sent.</summary>
public static class ApproveResolutionEndpoint
{
    /// <summary>400 without a proposal id.</summary>
    public static IResult? Validate(ApproveResolutionRequest request)
    {
        var errors = new FieldErrors();
        errors.Required("proposalId", request.ProposalId);
        return errors.ToResultOrNull();
    }

    /// <summary>
    /// 200 with the resolved dispute; 403 for the proposer (<c>rule</c> <c>own_proposal</c>) or a non-supervisor; 409 when
    /// nothing is pending, a newer proposal replaced this one or the dispute changed since it. The letter goes the way the
    /// proposal said: by secure message it is sent now and its sending meets the resolution clock; by post it joins the
    /// print queue and the mailing the vendor confirms meets it.
    /// </summary>
    [Authorize(Policy = Policies.ApproveResolutions)]
    [WolverinePost("/api/disputes/{disputeId}/resolution-approval")]
    public static async Task<(IResult, Events)> Post(
        ApproveResolutionRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user,
        IClock clock, NoticeIssuing notices, IMessageBus bus, HoldTimers holdTimers, IDocumentSession session)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var proposal = dispute.PendingProposal?.Proposed;
        var now = clock.GetCurrentInstant();
        var decided = DecideOnProposal.Approve(dispute, request.ProposalId!.Value, Caller.Of(user).Subject, now);
        var resolved = decided.Aggregate(dispute, (d, e) => d.Evolve(e));
        var letter = notices.Send(session, NoticeContent.ForResolution(resolved, notices.Issuer, now), proposal!.Language, proposal.Channel);
        var (answer, events) = DisputeCommand.Answer(dispute, [.. decided, letter]);
        await holdTimers.ScheduleAsync(bus, answer.Dispute);
        return (answer, events);
    }
}

/// <summary>A second supervisor returns a proposed resolution to the agent with a reason; the dispute stays pending.</summary>
public static class RejectResolutionEndpoint
{
    /// <summary>400 without a proposal id or a reason.</summary>
    public static IResult? Validate(RejectResolutionRequest request)
    {
        var errors = new FieldErrors();
        errors.Required("proposalId", request.ProposalId);
        errors.Text("reason", request.Reason, 2000);
        return errors.ToResultOrNull();
    }

    /// <summary>200 with the dispute; 403 for the proposer or a non-supervisor; 409 when nothing is pending or a newer proposal replaced this one.</summary>
    [Authorize(Policy = Policies.ApproveResolutions)]
    [WolverinePost("/api/disputes/{disputeId}/resolution-rejection")]
    public static (IResult, Events) Post(
        RejectResolutionRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, IClock clock)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var decided = DecideOnProposal.Reject(dispute, request.ProposalId!.Value, Caller.Of(user).Subject, request.Reason!.Trim(), clock.GetCurrentInstant());
        var (answer, events) = DisputeCommand.Answer(dispute, decided);
        return (answer, events);
    }
}

using System.Security.Claims;
using Disputes.Api.Disputes.Approving;
using Disputes.Api.Holds;
using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Approving;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Resolving;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/resolution</c>.</summary>
/// <param name="Outcome"><c>corrected</c>, <c>no_error</c>, or <c>partial</c> (part corrected and credited, the rest explained).</param>
/// <param name="CreditedAmount">Corrected or partial: the amount credited, including related charges.</param>
/// <param name="Explanation">No error or partial: the written explanation sent to the cardmember.</param>
/// <param name="AmountOwed">No error or partial: what the cardmember still owes (0 when nothing).</param>
/// <param name="PaymentDueOn">No error with money owed: due date, at least max(10, the account's payment period) days after today.</param>
/// <param name="ExpectedVersion">The dispute version the agent decided on (or send If-Match).</param>
/// <param name="Language">The letter's language, <c>en</c> or <c>es</c>; the dispute's language when absent.</param>
/// <param name="Channel">
/// How the letter is sent: <c>secure_message</c> (default), to the cardmember's message centre at once, meeting the clocks now;
/// or <c>postal</c>, into the print queue: the dispute is resolved now, but its clocks are met only when the mail vendor
/// confirms the mailing.
/// </param>
public sealed record ResolveDisputeRequest(
    string? Outcome, decimal? CreditedAmount, [FreeText] string? Explanation, decimal? AmountOwed, LocalDate? PaymentDueOn, long? ExpectedVersion,
    string? Language = null, string? Channel = null)
{
    /// <summary>The command, or the errors that stop it (added to <paramref name="into"/> when given).</summary>
    public (ResolveDispute? Command, FieldErrors Errors) ToCommand(FieldErrors? into = null)
    {
        var errors = into ?? new FieldErrors();
        var outcome = errors.Choice<ResolutionOutcome>("outcome", Outcome);
        switch (outcome)
        {
            case ResolutionOutcome.Corrected:
                errors.Money("creditedAmount", CreditedAmount);
                break;
            case ResolutionOutcome.NoError or ResolutionOutcome.Partial:
                if (outcome == ResolutionOutcome.Partial)
                {
                    errors.Money("creditedAmount", CreditedAmount);
                }

                errors.Text("explanation", Explanation, 4000);
                if (AmountOwed is not null and not 0m)
                {
                    errors.Money("amountOwed", AmountOwed);
                    errors.Required("paymentDueOn", PaymentDueOn);
                }

                break;
        }

        return errors.IsEmpty
            ? (new ResolveDispute(outcome!.Value, CreditedAmount, Explanation?.Trim(), AmountOwed, PaymentDueOn), errors)
            : (null, errors);
    }
}

/// <summary>An agent resolves the dispute with a correction or an explanation; the letter saying so is issued with it.</summary>
public static class ResolveDisputeEndpoint
{
    /// <summary>400 naming every bad field.</summary>
    public static IResult? Validate(ResolveDisputeRequest request)
    {
        var (_, errors) = request.ToCommand();
        NoticeOptions.Check(errors, request.Language, request.Channel);
        return errors.ToResultOrNull();
    }

    /// <summary>
    /// 200 with the dispute; 409 when resolved or withdrawn already; 400 when the payment date is too early for the account.
    /// The correction or explanation notice is sent with the resolution: its sending meets the resolution clock (and the
    /// acknowledgment clock, when that was still pending); by post, the mailing the vendor confirms does. A denial or
    /// partial credit that needs a second pair of eyes (<see cref="ApprovalOptions"/>) is only proposed: 202 with the
    /// dispute, still pending, its <c>pendingResolution</c> waiting for a supervisor other than the proposer, carrying the
    /// letter's language and channel; nothing is resolved or sent until then.
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/resolution")]
    [ProducesResponseType<DisputeResponse>(StatusCodes.Status202Accepted, "application/json")]
    public static async Task<(IResult, Events)> Post(
        ResolveDisputeRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock,
        NoticeIssuing notices, IMessageBus bus, HoldTimers holdTimers, IOptions<ApprovalOptions> approvals, ClaimsPrincipal user,
        IDocumentSession session)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var now = clock.GetCurrentInstant();
        var command = request.ToCommand().Command!;
        var (language, channel) = NoticeOptions.For(dispute, request.Language, request.Channel);
        if (ResolutionApproval.IsRequired(dispute, command.Outcome, approvals.Value.RequiredAbove))
        {
            var proposal = new ProposeResolution(command, language, channel, Caller.Of(user).Subject).Decide(dispute, Guid.CreateVersion7(), now);
            var (proposed, proposing) = DisputeCommand.Answer(dispute, proposal);
            return (proposed with { As = DisputeAnswer.Kind.Proposed }, proposing);
        }

        var decided = command.Decide(dispute, now, channel);
        var resolved = decided.Aggregate(dispute, (d, e) => d.Evolve(e));
        var letter = notices.Send(session, NoticeContent.ForResolution(resolved, notices.Issuer, now), language, channel);
        var (answer, events) = DisputeCommand.Answer(dispute, [.. decided, letter]);
        await holdTimers.ScheduleAsync(bus, answer.Dispute);
        return (answer, events);
    }
}

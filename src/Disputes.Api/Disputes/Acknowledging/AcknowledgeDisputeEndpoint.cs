using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Acknowledging;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Acknowledging;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/acknowledgment</c>.</summary>
/// <param name="ExpectedVersion">The dispute version the agent decided on (or send If-Match).</param>
/// <param name="Language">The letter's language, <c>en</c> or <c>es</c>; the dispute's language when absent.</param>
/// <param name="Channel">
/// How it is sent: <c>secure_message</c> (default), to the cardmember's message centre at once; or <c>postal</c>, into the
/// print queue, sent (and meeting the clock) only when the mail vendor confirms the mailing.
/// </param>
public sealed record AcknowledgeDisputeRequest(long? ExpectedVersion, string? Language = null, string? Channel = null);

/// <summary>An agent sends the written acknowledgment: the letter is issued, and its sending meets the clock.</summary>
public static class AcknowledgeDisputeEndpoint
{
    /// <summary>400 for a language or channel the service cannot send.</summary>
    public static IResult? Validate(AcknowledgeDisputeRequest request)
    {
        var errors = new FieldErrors();
        NoticeOptions.Check(errors, request.Language, request.Channel);
        return errors.ToResultOrNull();
    }

    /// <summary>200 with the dispute; 409 when already acknowledged (or queued for the post), resolved or withdrawn.</summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/acknowledgment")]
    public static (IResult, Events) Post(
        AcknowledgeDisputeRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock,
        NoticeIssuing notices, IDocumentSession session)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var now = clock.GetCurrentInstant();
        var (language, channel) = NoticeOptions.For(dispute, request.Language, request.Channel);

        // By post the letter is only queued: the clock stays pending until the vendor's confirmation records the mailing
        // (POST /api/notices/print-batches/{id}/mailed).
        var decided = channel == DeliveryChannel.Postal ? AcknowledgeDispute.DecideByPost(dispute, now) : AcknowledgeDispute.Decide(dispute, now);
        var letter = notices.Send(session, AcknowledgmentNotice.For(dispute, notices.Issuer, now), language, channel);
        var (answer, events) = DisputeCommand.Answer(dispute, [.. decided, letter]);
        return (answer, events);
    }
}

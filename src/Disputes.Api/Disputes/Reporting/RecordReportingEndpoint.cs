using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Reporting;
using Disputes.Domain.Notices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Disputes.Reporting;

/// <summary>A party an amount was reported to, as the body names it.</summary>
/// <param name="Name">The party's name, e.g. a consumer reporting agency.</param>
/// <param name="Address">Its address, one line per entry.</param>
public sealed record ReportedPartyRequest(string? Name, IReadOnlyList<string?>? Address);

/// <summary>Body of <c>POST /api/disputes/{disputeId}/reporting</c>.</summary>
/// <param name="Stage"><c>reported</c> (the amount was reported as in dispute) or <c>resolution_reported</c> (the later resolution was reported to the same parties).</param>
/// <param name="ReportedOn">When the report was made (yyyy-MM-dd, in the dispute's time zone); not after today.</param>
/// <param name="Parties">Each party reported to, with its address; at least one.</param>
/// <param name="ExpectedVersion">The dispute version decided on (or send If-Match).</param>
/// <param name="Language">The letter's language, <c>en</c> or <c>es</c>; the dispute's language when absent.</param>
/// <param name="Channel">How it is sent: <c>secure_message</c> (default).</param>
public sealed record RecordReportingRequest(
    string? Stage, LocalDate? ReportedOn, IReadOnlyList<ReportedPartyRequest?>? Parties, long? ExpectedVersion, string? Language = null, string? Channel = null)
{
    /// <summary>The checked stage and parties; what is wrong goes to <paramref name="errors"/>.</summary>
    public (ReportingStage? Stage, IReadOnlyList<ReportedParty> Parties) Check(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var stage = errors.Choice<ReportingStage>("stage", Stage);
        errors.Required("reportedOn", ReportedOn);
        if (Parties is not { Count: > 0 })
        {
            errors.Add("parties", "must name at least one party: the notice names each party the amount was reported to (1026.13(g)(4)).");
        }

        NoticeOptions.Check(errors, Language, Channel, postal: false);
        return (stage, [.. (Parties ?? []).Select(p => new ReportedParty(p?.Name ?? "", [.. (p?.Address ?? []).Select(line => line ?? "")]))]);
    }
}

/// <summary>
/// Records a report of 1026.13(g)(4) and issues the notice of reporting that names each party reported to (rule book
/// sections 5 and 8): after the cardmember disputed the amount owed again within the payment period, the amount may be
/// reported as delinquent only while it is also reported as in dispute, the cardmember is told who it went to, and later
/// that the resolution was reported to them.
/// </summary>
public static class RecordReportingEndpoint
{
    /// <summary>400 naming every bad field.</summary>
    public static IResult? Validate(RecordReportingRequest request)
    {
        var errors = new FieldErrors();
        request.Check(errors);
        return errors.ToResultOrNull();
    }

    /// <summary>
    /// 200 with the dispute, its <c>reporting_recorded</c> step and the notice of reporting sent; 409 when the rule puts no
    /// such duty here (<c>no_reporting_duty</c>), a resolution is reported before the report (<c>nothing_reported_yet</c>) or
    /// before the dispute is resolved again (<c>not_resolved_again</c>); 400 for a party without a name or address, or a
    /// report dated after today.
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/reporting")]
    public static (IResult, Events, IMartenOp) Post(
        RecordReportingRequest request, [WriteAggregate] Dispute dispute, [FromHeader(Name = "If-Match")] string? ifMatch, IClock clock, NoticeIssuing notices)
    {
        DecidedVersion.Require(dispute, request.ExpectedVersion, ifMatch);
        var now = clock.GetCurrentInstant();
        var (stage, parties) = request.Check(new FieldErrors());
        var decided = RecordReporting.Decide(dispute, stage!.Value, parties, request.ReportedOn!.Value, now);
        var recorded = decided.Aggregate(dispute, (d, e) => d.Evolve(e));
        var content = ReportingNotice.For(recorded, notices.Issuer, now, stage.Value, parties, request.ReportedOn.Value);
        var (language, channel) = NoticeOptions.For(dispute, request.Language, request.Channel);
        var (issued, letter) = notices.Issue(content, language, channel);
        var (answer, events) = DisputeCommand.Answer(dispute, [.. decided, issued]);
        return (answer, events, letter);
    }
}

using Disputes.Api.Disputes.Investigating;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Notices.Previewing;

/// <summary>
/// A compliance officer reads how a template renders for a dispute, in either language (rule book section 8): the letter
/// of that kind written now from what the dispute records, screened as every letter is, and stored nowhere.
/// </summary>
public static class CompliancePreviewEndpoint
{
    /// <summary>
    /// Query: <c>kind</c> (required), <c>language</c> (<c>en</c> or <c>es</c>; the dispute's when absent), <c>format</c>
    /// (<c>html</c>, the default, or <c>pdf</c>). The facts come from the dispute: the acknowledgment as it stands; the last
    /// request for documents asked of the cardmember (its answer date and how to send them as the step's defaults); the
    /// recorded resolution for the correction or explanation; the last report recorded for the notice of reporting. 200 with
    /// the letter; 400 for an unknown kind, language or format; 404 for an unknown dispute; 409 (<c>rule</c>) when the
    /// dispute does not hold the facts that letter states, or could not be sent it now.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/compliance/disputes/{disputeId}/notices/preview")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/html", "application/pdf")]
    [ProducesResponseType(typeof(HttpValidationProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Get(Guid disputeId, HttpContext http, IQuerySession session, IClock clock, NoticeIssuing notices)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var kind = errors.Choice<NoticeKind>("kind", query["kind"].ToString());
        var code = query["language"].ToString() is { Length: > 0 } given ? given : null;
        NoticeOptions.Check(errors, code, null);
        var format = PreviewFormat.Parse(errors, query["format"].ToString() is { Length: > 0 } f ? f : null);
        if (errors.ToResultOrNull() is { } invalid)
        {
            return invalid;
        }

        if (await session.LoadAsync<Dispute>(disputeId, http.RequestAborted) is not { } dispute)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        var language = code is null ? dispute.Language : NoticeLanguages.Parse(code);
        var content = FromRecord(dispute, kind!.Value, notices.Issuer, clock.GetCurrentInstant(), language);
        return PreviewFormat.Answer(http, notices.Preview(content, language), format);
    }

    private static NoticeContent FromRecord(Dispute dispute, NoticeKind kind, NoticeIssuer issuer, Instant now, NoticeLanguage language) => kind switch
    {
        NoticeKind.Acknowledgment => AcknowledgmentNotice.For(dispute, issuer, now),
        NoticeKind.DocumentsRequest => dispute.DocumentRequests.LastOrDefault(r => r.From == DocumentSource.Cardmember) is { } asked
            ? new RequestDocumentsRequest("cardmember", asked.Documents, null).NoticeFor(dispute, asked.Documents, issuer, now, language)
            : throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, "No documents were asked of the cardmember on this dispute, so there is no request to write."),
        NoticeKind.Correction => CorrectionNotice.For(dispute, issuer, now),
        NoticeKind.Explanation => ExplanationNotice.For(dispute, issuer, now),
        NoticeKind.Reporting => dispute.Reports.LastOrDefault() is { } report
            ? ReportingNotice.For(dispute, issuer, now, report.Stage, report.Parties, report.ReportedOn)
            : throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, "No report of 1026.13(g)(4) is recorded on this dispute, so there is no notice of reporting to write."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice kind."),
    };
}

using Disputes.Api.Disputes.Investigating;
using Disputes.Api.Disputes.Reporting;
using Disputes.Api.Disputes.Resolving;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Acknowledging;
using Disputes.Domain.Disputes.Investigating;
using Disputes.Domain.Disputes.Reporting;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Disputes.Api.Notices.Previewing;

/// <summary>Body of <c>POST /api/disputes/{disputeId}/notices/preview</c>: the letter's kind and the fields its step takes.</summary>
/// <param name="Kind"><c>acknowledgment</c>, <c>documents_request</c>, <c>correction</c>, <c>explanation</c> or <c>reporting</c>.</param>
/// <param name="Language"><c>en</c> or <c>es</c>; the dispute's language when absent.</param>
/// <param name="Format"><c>html</c> (default) or <c>pdf</c>.</param>
/// <param name="Documents">A request for documents: what is asked for, as <c>POST .../document-requests</c> takes it.</param>
/// <param name="RespondBy">A request for documents: the date to send them by; the step's default when absent.</param>
/// <param name="HowToSend">A request for documents: how to send them; the step's default when absent.</param>
/// <param name="Outcome">A correction or explanation: the outcome, as <c>POST .../resolution</c> takes it.</param>
/// <param name="CreditedAmount">A correction: the amount credited.</param>
/// <param name="Explanation">An explanation, or the rest of a partial correction: the written explanation.</param>
/// <param name="AmountOwed">An explanation or partial correction: what is still owed.</param>
/// <param name="PaymentDueOn">When money is owed: its due date.</param>
/// <param name="Stage">A notice of reporting: <c>reported</c> or <c>resolution_reported</c>, as <c>POST .../reporting</c> takes it.</param>
/// <param name="ReportedOn">A notice of reporting: when the report was made.</param>
/// <param name="Parties">A notice of reporting: each party reported to, with its address.</param>
public sealed record PreviewNoticeRequest(
    string? Kind,
    string? Language = null,
    string? Format = null,
    [FreeText] string? Documents = null,
    LocalDate? RespondBy = null,
    [FreeText] string? HowToSend = null,
    string? Outcome = null,
    decimal? CreditedAmount = null,
    [FreeText] string? Explanation = null,
    decimal? AmountOwed = null,
    LocalDate? PaymentDueOn = null,
    string? Stage = null,
    LocalDate? ReportedOn = null,
    IReadOnlyList<ReportedPartyRequest?>? Parties = null)
{
    /// <summary>The kind and format, and the step's own checks of the fields that kind takes; what is wrong goes to <paramref name="errors"/>.</summary>
    public (NoticeKind? Kind, PreviewFormat.Kind Format) Check(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var kind = errors.Choice<NoticeKind>("kind", Kind);
        var format = PreviewFormat.Parse(errors, Format);
        NoticeOptions.Check(errors, Language, null);
        switch (kind)
        {
            case NoticeKind.DocumentsRequest:
                AsDocumentsRequest().Check(errors);
                break;
            case NoticeKind.Correction or NoticeKind.Explanation:
                AsResolution().ToCommand(errors);
                break;
            case NoticeKind.Reporting:
                AsReporting().Check(errors);
                break;
        }

        return (kind, format);
    }

    /// <summary>The request for documents from the cardmember this previews (its language is checked once, by <see cref="Check"/>).</summary>
    public RequestDocumentsRequest AsDocumentsRequest() => new("cardmember", Documents, null, RespondBy, HowToSend);

    /// <summary>The resolution this previews.</summary>
    public ResolveDisputeRequest AsResolution() => new(Outcome, CreditedAmount, Explanation, AmountOwed, PaymentDueOn, null);

    /// <summary>The report this previews (its language is checked once, by <see cref="Check"/>).</summary>
    public RecordReportingRequest AsReporting() => new(Stage, ReportedOn, Parties, null);
}

/// <summary>
/// An agent reads the letter a step would send before taking it (rule book section 8): rendered from the same template,
/// with the same facts and the same checks as the step at this instant, screened the same way, and stored nowhere. The
/// step taken at the same instant with the same fields issues exactly these bytes (the same SHA-256).
/// </summary>
public static class PreviewNoticeEndpoint
{
    /// <summary>400 naming every bad field: an unknown kind, language or format, or a field the step would refuse.</summary>
    public static IResult? Validate(PreviewNoticeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        request.Check(errors);
        return errors.ToResultOrNull();
    }

    /// <summary>
    /// 200 with the letter as HTML (served under the letters' security policy) or as PDF; 404 for an unknown dispute; 409
    /// when the dispute cannot have that letter now (already acknowledged, withdrawn, resolved, no reporting duty), with
    /// the step's own <c>rule</c>; 400 for what the step would refuse in its fields. Nothing is stored, no event appended.
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/disputes/{disputeId}/notices/preview")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/html", "application/pdf")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid disputeId, PreviewNoticeRequest request, HttpContext http, IQuerySession session, IClock clock, NoticeIssuing notices)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        if (await session.LoadAsync<Dispute>(disputeId, http.RequestAborted) is not { } dispute)
        {
            return Problem.NotFound($"Dispute {disputeId}");
        }

        var (kind, format) = request.Check(new FieldErrors());
        var now = clock.GetCurrentInstant();
        var language = request.Language is null ? dispute.Language : NoticeLanguages.Parse(request.Language);
        var content = ComposeAsStep(dispute, kind!.Value, request, notices.Issuer, now, language);
        return PreviewFormat.Answer(http, notices.Preview(content, language), format);
    }

    // Each kind as its step composes it, after the step's own decision, so a preview is refused exactly where the step would be.
    private static NoticeContent ComposeAsStep(Dispute dispute, NoticeKind kind, PreviewNoticeRequest request, NoticeIssuer issuer, Instant now, NoticeLanguage language)
    {
        switch (kind)
        {
            case NoticeKind.Acknowledgment:
                _ = AcknowledgeDispute.Decide(dispute, now);
                return AcknowledgmentNotice.For(dispute, issuer, now);

            case NoticeKind.DocumentsRequest:
                var documents = request.Documents!.Trim();
                _ = InvestigationSteps.RequestDocuments(dispute, DocumentSource.Cardmember, documents, now);
                return request.AsDocumentsRequest().NoticeFor(dispute, documents, issuer, now, language);

            case NoticeKind.Correction or NoticeKind.Explanation:
                var resolution = request.AsResolution().ToCommand().Command!;
                var resolved = resolution.Decide(dispute, now).Aggregate(dispute, (d, e) => d.Evolve(e));
                return kind == NoticeKind.Correction ? CorrectionNotice.For(resolved, issuer, now) : ExplanationNotice.For(resolved, issuer, now);

            case NoticeKind.Reporting:
                var reporting = request.AsReporting();
                var (stage, parties) = reporting.Check(new FieldErrors());
                var recorded = RecordReporting.Decide(dispute, stage!.Value, parties, reporting.ReportedOn!.Value, now).Aggregate(dispute, (d, e) => d.Evolve(e));
                return ReportingNotice.For(recorded, issuer, now, stage.Value, parties, reporting.ReportedOn.Value);

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice kind.");
        }
    }
}

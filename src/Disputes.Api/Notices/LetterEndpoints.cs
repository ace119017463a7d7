using Disputes.Api.Cardmembers;
using Disputes.Api.Identity;
using Disputes.Api.Notices.Issued;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disputes.Api.Notices;

/// <summary>
/// The letters a dispute sent, served from their stored copy after checking it against the hash its <c>notice_issued</c>
/// event recorded: a letter can be read and downloaded, never changed. Staff read any dispute's; a cardmember only their own.
/// </summary>
public static class LetterEndpoints
{
    /// <summary>The security policy a letter's HTML is served under: its own markup only, no script, no outside resource, no frame.</summary>
    internal const string LetterPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    /// <summary>The PDF of a dispute's letter, as an attachment; 404 for a letter the dispute did not send.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes/{disputeId}/notices/{noticeId}/pdf")]
    [ProducesResponseType(typeof(FileContentResult), StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> StaffPdf(Guid disputeId, Guid noticeId, HttpContext http, IQuerySession session) =>
        await LetterAsync(await session.LoadAsync<Dispute>(disputeId, http.RequestAborted), noticeId, session, http) is { } letter
            ? Pdf(letter)
            : Problem.NotFound($"Notice {noticeId} of dispute {disputeId}");

    /// <summary>The HTML of a dispute's letter (as sent to the secure message centre); 404 for a letter the dispute did not send.</summary>
    [Authorize(Policy = Policies.ReadDisputes)]
    [WolverineGet("/api/disputes/{disputeId}/notices/{noticeId}/html")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/html")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> StaffHtml(Guid disputeId, Guid noticeId, HttpContext http, IQuerySession session) =>
        await LetterAsync(await session.LoadAsync<Dispute>(disputeId, http.RequestAborted), noticeId, session, http) is { } letter
            ? Html(http, letter)
            : Problem.NotFound($"Notice {noticeId} of dispute {disputeId}");

    /// <summary>The PDF of one of the cardmember's letters; 404, with no hint that it exists, for another account's.</summary>
    [Authorize(Policy = Policies.OwnDisputes)]
    [WolverineGet("/api/me/disputes/{caseNumber}/letters/{noticeId}/pdf")]
    [ProducesResponseType(typeof(FileContentResult), StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> MyPdf(string caseNumber, Guid noticeId, HttpContext http, IQuerySession session) =>
        await LetterAsync(await MyDisputes.FindAsync(session, Caller.Of(http.User), caseNumber, http.RequestAborted), noticeId, session, http) is { } letter
            ? Pdf(letter)
            : MyDisputes.NotFound(caseNumber);

    /// <summary>The HTML of one of the cardmember's letters; 404, with no hint that it exists, for another account's.</summary>
    [Authorize(Policy = Policies.OwnDisputes)]
    [WolverineGet("/api/me/disputes/{caseNumber}/letters/{noticeId}/html")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/html")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> MyHtml(string caseNumber, Guid noticeId, HttpContext http, IQuerySession session) =>
        await LetterAsync(await MyDisputes.FindAsync(session, Caller.Of(http.User), caseNumber, http.RequestAborted), noticeId, session, http) is { } letter
            ? Html(http, letter)
            : MyDisputes.NotFound(caseNumber);

    private static async Task<IssuedNotice?> LetterAsync(Dispute? dispute, Guid noticeId, IQuerySession session, HttpContext http) =>
        dispute?.Notices.FirstOrDefault(n => n.NoticeId == noticeId) is { } issued
            ? await IssuedNotices.FindAsync(session, noticeId, issued.PdfSha256, http.RequestAborted)
            : null;

    private static IResult Pdf(IssuedNotice letter) =>
        Results.File(letter.Pdf, "application/pdf", $"{letter.CaseNumber}-{NoticeKinds.Name(letter.Kind)}-{letter.SentAt.InUtc().Date:yyyy-MM-dd}.pdf");

    private static IResult Html(HttpContext http, IssuedNotice letter)
    {
        http.Response.Headers.ContentSecurityPolicy = LetterPolicy;
        return Results.Content(letter.Html, "text/html; charset=utf-8");
    }
}

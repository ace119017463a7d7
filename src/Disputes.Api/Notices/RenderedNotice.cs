using Disputes.Domain.Notices;

namespace Disputes.Api.Notices;

/// <summary>A notice written out: the letter as HTML, as PDF and as plain text, with what identifies it.</summary>
/// <param name="Kind">The notice kind.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="TemplateVersion">The version of the template it was rendered from (<c>2026-12-01.1</c>); recorded with the notice.</param>
/// <param name="Title">The letter's title, as its HTML and PDF name it.</param>
/// <param name="Html">A self-contained, accessible HTML page (no external assets), every value HTML-encoded.</param>
/// <param name="Pdf">The same letter as a PDF, set in the shipped fonts; the same notice always gives the same bytes.</param>
/// <param name="PdfSha256">The SHA-256 of <paramref name="Pdf"/>, 64 lower-case hex digits: the hash the <c>notice_issued</c> event records.</param>
/// <param name="HtmlSha256">The SHA-256 of <paramref name="Html"/> in UTF-8, 64 lower-case hex digits.</param>
/// <param name="Text">What the letter says as plain text, block by block (what was screened, and what a text-only channel would send).</param>
public sealed record RenderedNotice(
    NoticeKind Kind,
    NoticeLanguage Language,
    string TemplateVersion,
    string Title,
    string Html,
    byte[] Pdf,
    string PdfSha256,
    string HtmlSha256,
    string Text);

using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Api.Notices.Issued;

/// <summary>
/// A notice as it was issued, stored once and never changed (a correction is a new notice): the letter's HTML and PDF,
/// the hashes that identify them, and what the <c>notice_issued</c> event records about it. A Marten document, inserted
/// with <see cref="IssuedNotices.Issue"/> and read back, hash-checked, with <see cref="IssuedNotices"/>.
/// </summary>
/// <param name="Id">The notice id, the one <c>notice_issued</c> records; chosen by the issuing command, never empty.</param>
/// <param name="DisputeId">The dispute it is about.</param>
/// <param name="CaseNumber">The dispute's case number, as the letter shows it.</param>
/// <param name="Kind">The notice kind.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="TemplateVersion">The version of the template it was rendered from.</param>
/// <param name="Channel">How it reaches the cardmember.</param>
/// <param name="SentAt">
/// The instant the letter is dated with (in the account's zone) and its PDF's creation date: when it was sent, for a secure
/// message; when it was rendered and queued, for a postal letter, whose sending is the mailing its later <c>notice_issued</c> records.
/// </param>
/// <param name="PdfSha256">The SHA-256 of <paramref name="Pdf"/>, lower-case hex: the hash <c>notice_issued</c> records.</param>
/// <param name="HtmlSha256">The SHA-256 of <paramref name="Html"/> in UTF-8, lower-case hex.</param>
/// <param name="Html">The letter as HTML, for the secure message centre.</param>
/// <param name="Pdf">The letter as PDF, to download or print.</param>
public sealed record IssuedNotice(
    Guid Id,
    Guid DisputeId,
    string CaseNumber,
    NoticeKind Kind,
    NoticeLanguage Language,
    string TemplateVersion,
    DeliveryChannel Channel,
    Instant SentAt,
    string PdfSha256,
    string HtmlSha256,
    string Html,
    byte[] Pdf)
{
    /// <summary>The notice <paramref name="rendered"/> from <paramref name="content"/>, to be issued as <paramref name="id"/> by <paramref name="channel"/>.</summary>
    /// <param name="id">The notice id; not empty.</param>
    /// <param name="content">What the notice says.</param>
    /// <param name="rendered">The notice rendered from <paramref name="content"/>.</param>
    /// <param name="channel">How it reaches the cardmember.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, or <paramref name="rendered"/> is of another kind than <paramref name="content"/>.</exception>
    public static IssuedNotice Of(Guid id, NoticeContent content, RenderedNotice rendered, DeliveryChannel channel)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(rendered);
        if (id == Guid.Empty)
        {
            throw new ArgumentException("A notice needs an id: the one its notice_issued event records.", nameof(id));
        }

        if (rendered.Kind != content.Kind)
        {
            throw new ArgumentException($"The rendered notice is a {NoticeKinds.Name(rendered.Kind)}, the content a {NoticeKinds.Name(content.Kind)}.", nameof(rendered));
        }

        return new IssuedNotice(id, content.DisputeId, content.CaseNumber, content.Kind, rendered.Language, rendered.TemplateVersion, channel,
            content.SentAt, rendered.PdfSha256, rendered.HtmlSha256, rendered.Html, rendered.Pdf);
    }
}

using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// A written notice was issued to the cardmember (rule book section 8): rendered from a reviewed template, stored once,
/// and sent. The letter itself is stored beside the event under <paramref name="NoticeId"/>; this records what proves it.
/// </summary>
/// <param name="NoticeId">The stored letter's id.</param>
/// <param name="Kind">Which notice.</param>
/// <param name="Language">The language it was written in.</param>
/// <param name="TemplateVersion">The version of the template it was rendered from.</param>
/// <param name="Channel">How it reached the cardmember.</param>
/// <param name="SentAt">When it was sent: what meets a clock.</param>
/// <param name="PdfSha256">Lower-case hex SHA-256 of the stored PDF; the letter served is checked against it.</param>
public sealed record NoticeIssued(
    Guid NoticeId, NoticeKind Kind, NoticeLanguage Language, string TemplateVersion, DeliveryChannel Channel, Instant SentAt, string PdfSha256);

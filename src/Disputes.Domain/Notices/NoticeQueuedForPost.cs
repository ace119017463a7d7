using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// A written notice was rendered and stored for the post, but not yet sent (rule book section 8): it waits in the print
/// queue until the mail vendor confirms it was handed to the post, which records its <see cref="NoticeIssued"/> with the
/// mailing instant. Until then it meets no clock.
/// </summary>
/// <param name="NoticeId">The stored letter's id, the one its later <see cref="NoticeIssued"/> records.</param>
/// <param name="Kind">Which notice.</param>
/// <param name="Language">The language it was written in.</param>
/// <param name="TemplateVersion">The version of the template it was rendered from.</param>
/// <param name="QueuedAt">When it was rendered and queued: the date the letter bears, not the date it was sent.</param>
/// <param name="PdfSha256">Lower-case hex SHA-256 of the stored PDF; the vendor's copy and the letter served are checked against it.</param>
public sealed record NoticeQueuedForPost(
    Guid NoticeId, NoticeKind Kind, NoticeLanguage Language, string TemplateVersion, Instant QueuedAt, string PdfSha256);

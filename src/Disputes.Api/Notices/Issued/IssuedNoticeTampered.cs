namespace Disputes.Api.Notices.Issued;

/// <summary>
/// A stored notice no longer matches its hashes (its PDF or HTML was changed after it was issued, or the copy is not the
/// one its <c>notice_issued</c> event recorded), so it must not be served: a notice is served only from its hash-checked
/// copy. This is an integrity failure for operations to investigate, never something a caller can fix.
/// </summary>
/// <param name="noticeId">The notice whose stored copy failed the check.</param>
/// <param name="what">Which check failed, e.g. "the PDF does not match its SHA-256".</param>
public sealed class IssuedNoticeTampered(Guid noticeId, string what)
    : InvalidOperationException($"The stored notice {noticeId} cannot be served: {what}.")
{
    /// <summary>The notice whose stored copy failed the check.</summary>
    public Guid NoticeId { get; } = noticeId;
}

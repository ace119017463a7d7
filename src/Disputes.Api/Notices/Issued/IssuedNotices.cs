using System.Text;
using Marten;

namespace Disputes.Api.Notices.Issued;

/// <summary>
/// Where issued notices are kept: inserted once in the issuing command's session, never updated or deleted, and read only
/// through the checks here, so what is served is provably what was issued.
/// </summary>
/// <remarks>
/// <para>
/// Insert-only: <see cref="Issue"/> uses Marten's <c>Insert</c>, which fails the whole transaction when the id exists, so a
/// notice can never be overwritten, not even by a retried command. Nothing in the service calls <c>Store</c> or
/// <c>Update</c> on an <see cref="IssuedNotice"/>; a correction is a new notice with a new id.
/// </para>
/// <para>
/// Every read verifies the copy: the PDF's and the HTML's SHA-256 must match the stored hashes, and, when the caller gives
/// the hash its <c>notice_issued</c> event recorded, the PDF's hash must be that one (the event log is the record an
/// examiner trusts; this document is the copy served from it).
/// </para>
/// </remarks>
public static class IssuedNotices
{
    /// <summary>Registers the document: one row per notice, with the dispute id in a column of its own, indexed, for the dispute's letters.</summary>
    public static StoreOptions AddIssuedNotices(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<IssuedNotice>().Duplicate(notice => notice.DisputeId);
        return options;
    }

    /// <summary>
    /// Adds <paramref name="notice"/> to <paramref name="session"/>, to be inserted when it is saved (with the events of
    /// the same command); the save fails if a notice with its id exists.
    /// </summary>
    /// <exception cref="IssuedNoticeTampered">The notice's hashes do not match its own PDF and HTML: it was not rendered as issued.</exception>
    public static void Issue(IDocumentSession session, IssuedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(notice);
        Verify(notice, recordedPdfSha256: null);
        session.Insert(notice);
    }

    /// <summary>The notice <paramref name="noticeId"/>, checked against its hashes; null when there is none.</summary>
    /// <param name="session">A session to read with.</param>
    /// <param name="noticeId">The notice id.</param>
    /// <param name="recordedPdfSha256">The PDF hash the notice's <c>notice_issued</c> event recorded, when the caller has it: then the copy must be that one.</param>
    /// <param name="cancellation">Cancels the read.</param>
    /// <exception cref="IssuedNoticeTampered">The stored copy does not match its hashes, or not the recorded one.</exception>
    public static async Task<IssuedNotice?> FindAsync(IQuerySession session, Guid noticeId, string? recordedPdfSha256 = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var notice = await session.LoadAsync<IssuedNotice>(noticeId, cancellation).ConfigureAwait(false);
        return notice is null ? null : Verify(notice, recordedPdfSha256);
    }

    /// <summary>Every notice of the dispute <paramref name="disputeId"/>, each checked against its hashes, oldest first.</summary>
    /// <exception cref="IssuedNoticeTampered">Some stored copy does not match its hashes.</exception>
    public static async Task<IReadOnlyList<IssuedNotice>> ForDisputeAsync(IQuerySession session, Guid disputeId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var notices = await session.Query<IssuedNotice>()
            .Where(notice => notice.DisputeId == disputeId)
            .ToListAsync(cancellation)
            .ConfigureAwait(false);
        return [.. notices.OrderBy(notice => notice.SentAt).ThenBy(notice => notice.Id).Select(notice => Verify(notice, null))];
    }

    /// <summary>Returns <paramref name="notice"/> when its PDF and HTML match its hashes (and the PDF the recorded hash, if given).</summary>
    /// <exception cref="IssuedNoticeTampered">They do not.</exception>
    public static IssuedNotice Verify(IssuedNotice notice, string? recordedPdfSha256)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (NoticeRenderer.Sha256(notice.Pdf) != notice.PdfSha256)
        {
            throw new IssuedNoticeTampered(notice.Id, "the PDF does not match its SHA-256");
        }

        if (NoticeRenderer.Sha256(Encoding.UTF8.GetBytes(notice.Html)) != notice.HtmlSha256)
        {
            throw new IssuedNoticeTampered(notice.Id, "the HTML does not match its SHA-256");
        }

        if (recordedPdfSha256 is not null && !string.Equals(recordedPdfSha256, notice.PdfSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new IssuedNoticeTampered(notice.Id, "the PDF is not the one its notice_issued event recorded");
        }

        return notice;
    }
}

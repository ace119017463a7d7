using Disputes.Api.Notices.Issued;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Api.Notices.Postal;

/// <summary>
/// A letter in the print queue: rendered and stored (its <see cref="IssuedNotice"/> has the same id) but not sent until
/// the mail vendor confirms it was handed to the post. A Marten document, inserted by the step that queued it, then
/// given a batch when the vendor collects it and a mailing instant when the vendor confirms. The clocks its mailing
/// meets are read from the dispute when the queue is read, since a pending resolution deadline can still move.
/// </summary>
/// <param name="Id">The notice id.</param>
/// <param name="DisputeId">The dispute it is about.</param>
/// <param name="CaseNumber">The dispute's case number.</param>
/// <param name="Kind">The notice kind.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="PdfSha256">The SHA-256 of the stored PDF, as its <c>notice_queued_for_post</c> event records it.</param>
/// <param name="QueuedAt">When it was rendered and queued.</param>
/// <param name="BatchId">The print batch it was collected in, once collected.</param>
/// <param name="MailedAt">When the vendor handed it to the post, once confirmed.</param>
public sealed record PostalLetter(
    Guid Id,
    Guid DisputeId,
    string CaseNumber,
    NoticeKind Kind,
    NoticeLanguage Language,
    string PdfSha256,
    Instant QueuedAt,
    Guid? BatchId = null,
    Instant? MailedAt = null)
{
    /// <summary>The queue entry of <paramref name="letter"/>.</summary>
    public static PostalLetter For(IssuedNotice letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new PostalLetter(letter.Id, letter.DisputeId, letter.CaseNumber, letter.Kind, letter.Language, letter.PdfSha256, letter.SentAt);
    }

    /// <summary>The letter's file name in a print batch: the case number, the kind and the notice id, nothing the cardmember wrote.</summary>
    public string FileName => $"{CaseNumber}-{NoticeKinds.Name(Kind)}-{Id:N}.pdf";

    /// <summary>
    /// The clocks of <paramref name="dispute"/> that this letter's mailing would meet and that are still pending, soonest
    /// breach first (rule book section 8, <see cref="NoticeKinds.ClocksMet"/>); none for a request for documents.
    /// </summary>
    public IReadOnlyList<DeadlineClock> ClocksAwaiting(Dispute? dispute)
    {
        if (dispute is null)
        {
            return [];
        }

        var zone = dispute.TimeZone;
        return [.. NoticeKinds.ClocksMet(Kind).Select(dispute.ClockFor).Where(c => c.IsPending && c.DueOn is not null).OrderBy(c => c.BreachInstant(zone))];
    }
}

/// <summary>
/// The letters the mail vendor collected at once: one ZIP of their PDFs with a CSV manifest, and one confirmation that
/// they were handed to the post. A Marten document.
/// </summary>
/// <param name="Id">The batch id.</param>
/// <param name="CreatedAt">When the vendor collected it.</param>
/// <param name="CreatedBy">Who collected it.</param>
/// <param name="NoticeIds">The letters in it, oldest queued first.</param>
/// <param name="MailedAt">When the vendor handed it to the post, once confirmed.</param>
/// <param name="ConfirmedAt">When the confirmation was recorded.</param>
public sealed record PrintBatch(Guid Id, Instant CreatedAt, string CreatedBy, IReadOnlyList<Guid> NoticeIds, Instant? MailedAt = null, Instant? ConfirmedAt = null);

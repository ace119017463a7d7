using Disputes.Api.Notices.Issued;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Wolverine.Marten;

namespace Disputes.Api.Notices;

/// <summary>
/// Issuing a written notice inside a command (rule book section 8): the letter is rendered from its reviewed template,
/// screened once more, and stored once, in the transaction that appends its <see cref="NoticeIssued"/> event, so no
/// clock is met by a letter that was not written, and no letter exists without the step that sent it.
/// </summary>
public sealed class NoticeIssuing(NoticeRenderer renderer, IServiceProvider services)
{
    /// <summary>The issuer every letter is from (<see cref="NoticesSetup.IssuerNameSetting"/>).</summary>
    public NoticeIssuer Issuer => services.GetRequiredService<NoticeIssuer>();

    /// <summary>The event to append and the stored letter to insert with it.</summary>
    /// <param name="content">What the notice says, composed by the domain.</param>
    /// <param name="language">The language to write it in.</param>
    /// <param name="channel">How it reaches the cardmember.</param>
    /// <exception cref="NoticeScreeningViolation">The rendered letter holds something that must never be sent (a defect).</exception>
    public (NoticeIssued Event, IMartenOp Letter) Issue(NoticeContent content, NoticeLanguage language, DeliveryChannel channel)
    {
        var (letter, rendered) = Write(content, language, channel);
        return (new NoticeIssued(letter.Id, content.Kind, language, rendered.TemplateVersion, channel, content.SentAt, rendered.PdfSha256),
            MartenOps.Insert(letter));
    }

    /// <summary>
    /// The event to append, the stored letter to insert with it and the print-queue entry, for a letter that goes by post:
    /// rendered and stored now, dated <see cref="NoticeContent.SentAt"/>, but sent only when the mail vendor confirms.
    /// </summary>
    /// <param name="content">What the notice says, composed by the domain.</param>
    /// <param name="language">The language to write it in.</param>
    /// <param name="dispute">The dispute the letter is about, as it stands before the step.</param>
    /// <param name="meets">The clock the letter would meet once mailed, whose due date the print queue shows.</param>
    /// <exception cref="NoticeScreeningViolation">The rendered letter holds something that must never be sent (a defect).</exception>
    public (NoticeQueuedForPost Event, IssuedNotice Letter, Postal.PostalLetter Queued) Queue(
        NoticeContent content, NoticeLanguage language, Dispute dispute, Domain.Clocks.ComplianceClock meets)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (letter, rendered) = Write(content, language, DeliveryChannel.Postal);
        var queued = new NoticeQueuedForPost(letter.Id, content.Kind, language, rendered.TemplateVersion, content.SentAt, rendered.PdfSha256);
        return (queued, letter, Postal.PostalLetter.For(letter, dispute, meets));
    }

    // Renders and screens the letter under a new id. The hashes were taken by the renderer from these very bytes, so they
    // are not taken again here; each read of the stored letter checks them.
    private (IssuedNotice Letter, RenderedNotice Rendered) Write(NoticeContent content, NoticeLanguage language, DeliveryChannel channel)
    {
        var rendered = renderer.Render(content, language);
        return (IssuedNotice.Of(Guid.CreateVersion7(), content, rendered, channel), rendered);
    }
}

/// <summary>
/// The optional <c>language</c> and <c>channel</c> of a step that issues a notice: the dispute's language unless the step
/// names one, and the secure message centre unless it names the post.
/// </summary>
public static class NoticeOptions
{
    /// <summary>Checks the two fields, adding what is wrong to <paramref name="errors"/>.</summary>
    /// <param name="errors">Where a bad field is recorded.</param>
    /// <param name="language"><c>en</c> or <c>es</c>; absent for the dispute's language.</param>
    /// <param name="channel"><c>secure_message</c> (default), or <c>postal</c> where <paramref name="postal"/> allows it.</param>
    /// <param name="postal">True for a step whose letter may go by post (the acknowledgment).</param>
    public static void Check(FieldErrors errors, string? language, string? channel, bool postal = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (language is not null && !NoticeLanguages.TryParse(language, out _))
        {
            errors.Add("language", "must be en or es.");
        }

        // A resolution or documents request by post would meet its clock, or start the cardmember's time, only on the
        // vendor's confirmation, while the dispute is already resolved or waiting: until those steps can wait for the
        // mailing, their letters go by secure message only.
        if (errors.Choice<DeliveryChannel>("channel", channel, required: false) == DeliveryChannel.Postal && !postal)
        {
            errors.Add("channel", "postal delivery is available for the acknowledgment only; send this letter as secure_message.");
        }
    }

    /// <summary>The language and channel of a step already checked by <see cref="Check"/>.</summary>
    public static (NoticeLanguage Language, DeliveryChannel Channel) For(Dispute dispute, string? language, string? channel) =>
        (language is null ? dispute.Language : NoticeLanguages.Parse(language),
            channel == "postal" ? DeliveryChannel.Postal : DeliveryChannel.SecureMessage);
}

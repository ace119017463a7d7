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
    /// Sends the letter the way <paramref name="channel"/> says, storing it in <paramref name="session"/> (the command's own
    /// session, so it commits with the event or not at all), and answers the event to append. By secure message the letter
    /// is sent now: <see cref="NoticeIssued"/>. By post it is rendered and stored now, dated <see cref="NoticeContent.SentAt"/>,
    /// and joins the print queue: <see cref="NoticeQueuedForPost"/>, sent only when the mail vendor confirms the mailing.
    /// </summary>
    /// <param name="session">The command's session.</param>
    /// <param name="content">What the notice says, composed by the domain.</param>
    /// <param name="language">The language to write it in.</param>
    /// <param name="channel">How it reaches the cardmember.</param>
    /// <exception cref="NoticeScreeningViolation">The rendered letter holds something that must never be sent (a defect).</exception>
    public object Send(Marten.IDocumentSession session, NoticeContent content, NoticeLanguage language, DeliveryChannel channel)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(content);
        var (letter, rendered) = Write(content, language, channel);
        session.Insert(letter);
        if (channel != DeliveryChannel.Postal)
        {
            return new NoticeIssued(letter.Id, content.Kind, language, rendered.TemplateVersion, channel, content.SentAt, rendered.PdfSha256);
        }

        session.Insert(Postal.PostalLetter.For(letter));
        return new NoticeQueuedForPost(letter.Id, content.Kind, language, rendered.TemplateVersion, content.SentAt, rendered.PdfSha256);
    }

    /// <summary>
    /// The letter <paramref name="content"/> would be, rendered and screened exactly as <see cref="Send"/> renders it, but
    /// stored nowhere and sent to no one: the preview an agent reads before the step, or compliance reads for any template.
    /// </summary>
    /// <param name="content">What the notice says, composed by the domain.</param>
    /// <param name="language">The language to write it in.</param>
    /// <exception cref="NoticeScreeningViolation">The rendered letter holds something that must never be sent (a defect).</exception>
    public RenderedNotice Preview(NoticeContent content, NoticeLanguage language) => renderer.Render(content, language);

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
    /// <param name="postal">True for a step whose letter may go by post (all but the notice of reporting).</param>
    public static void Check(FieldErrors errors, string? language, string? channel, bool postal = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (language is not null && !NoticeLanguages.TryParse(language, out _))
        {
            errors.Add("language", "must be en or es.");
        }

        if (errors.Choice<DeliveryChannel>("channel", channel, required: false) == DeliveryChannel.Postal && !postal)
        {
            errors.Add("channel", "postal delivery is not available for this letter; send it as secure_message.");
        }
    }

    /// <summary>The language and channel of a step already checked by <see cref="Check"/>.</summary>
    public static (NoticeLanguage Language, DeliveryChannel Channel) For(Dispute dispute, string? language, string? channel) =>
        (language is null ? dispute.Language : NoticeLanguages.Parse(language),
            channel == "postal" ? DeliveryChannel.Postal : DeliveryChannel.SecureMessage);
}

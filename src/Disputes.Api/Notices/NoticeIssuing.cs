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
        var rendered = renderer.Render(content, language);
        var noticeId = Guid.CreateVersion7();
        var letter = IssuedNotice.Of(noticeId, content, rendered, channel);
        IssuedNotices.Verify(letter, recordedPdfSha256: null);
        return (new NoticeIssued(noticeId, content.Kind, language, rendered.TemplateVersion, channel, content.SentAt, rendered.PdfSha256),
            MartenOps.Insert(letter));
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
    /// <param name="channel"><c>secure_message</c> (default).</param>
    public static void Check(FieldErrors errors, string? language, string? channel)
    {
        if (language is not null && !NoticeLanguages.TryParse(language, out _))
        {
            errors.Add("language", "must be en or es.");
        }

        // The post needs the print queue and the mail vendor's confirmation before a letter counts as sent; until that
        // exists here, a postal letter is refused rather than recorded as sent on the day it was queued.
        if (errors.Choice<DeliveryChannel>("channel", channel, required: false) == DeliveryChannel.Postal)
        {
            errors.Add("channel", "postal delivery is not available yet; send it as secure_message.");
        }
    }

    /// <summary>The language and channel of a step already checked by <see cref="Check"/>.</summary>
    public static (NoticeLanguage Language, DeliveryChannel Channel) For(Dispute dispute, string? language, string? channel) =>
        (language is null ? dispute.Language : NoticeLanguages.Parse(language), DeliveryChannel.SecureMessage);
}

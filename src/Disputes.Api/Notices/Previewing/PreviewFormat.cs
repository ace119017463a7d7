using Disputes.Api.Problems;
using Disputes.Domain.Notices;

namespace Disputes.Api.Notices.Previewing;

/// <summary>How a preview answers: the letter as its HTML or as its PDF, exactly as the issued letter would be served.</summary>
public static class PreviewFormat
{
    /// <summary>The formats a letter is previewed in.</summary>
    public enum Kind
    {
        /// <summary>The HTML of the secure message centre.</summary>
        Html,

        /// <summary>The PDF that is downloaded or printed.</summary>
        Pdf,
    }

    /// <summary>Reads <c>format</c>: <c>html</c> (when absent) or <c>pdf</c>; anything else goes to <paramref name="errors"/>.</summary>
    public static Kind Parse(FieldErrors errors, string? format)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Choice<Kind>("format", format, required: false) ?? Kind.Html;
    }

    /// <summary>
    /// The answer carrying <paramref name="letter"/>: its HTML under the letters' security policy, or its PDF inline; never
    /// cached, since it is not a letter anyone was sent. The template version it was rendered from is in
    /// <c>Notice-Template-Version</c>.
    /// </summary>
    public static IResult Answer(HttpContext http, RenderedNotice letter, Kind format)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(letter);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Notice-Template-Version"] = letter.TemplateVersion;
        if (format == Kind.Pdf)
        {
            return Results.File(letter.Pdf, "application/pdf", $"preview-{NoticeKinds.Name(letter.Kind)}.pdf");
        }

        http.Response.Headers.ContentSecurityPolicy = LetterEndpoints.LetterPolicy;
        return Results.Content(letter.Html, "text/html; charset=utf-8");
    }
}

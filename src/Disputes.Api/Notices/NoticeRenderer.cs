using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Disputes.Domain.Notices;
using Disputes.Domain.Screening;
using Fluid;

namespace Disputes.Api.Notices;

/// <summary>
/// Writes a notice out: its content (<see cref="NoticeContent"/>, composed by the domain from the dispute) rendered
/// through the reviewed Liquid template of its kind and language, as HTML, as PDF and as plain text, hashed, and screened
/// for secrets before anything can store or send it.
/// </summary>
/// <remarks>
/// <para>
/// The templates are plain files (Notices/Templates, copied beside the assembly) that a compliance officer reads and
/// approves; each declares its version, and the version used is returned with the notice for the <c>notice_issued</c>
/// event. No letter text is written in code: the code only formats the facts (dates in the account's zone in long form,
/// amounts as dollars) and lays the template's output out as a PDF.
/// </para>
/// <para>
/// Rendering is deterministic: the same content in the same language always gives the same HTML and the same PDF bytes,
/// so a notice can be rendered again for an examiner and shown to be the one issued (its SHA-256 matches). It reads no
/// clock; the date on the letter is <see cref="NoticeContent.SentOn"/>.
/// </para>
/// <para>
/// One instance serves the whole process (register it as a singleton): the templates are read and parsed once, and
/// rendering is thread-safe.
/// </para>
/// <para>
/// Wiring an issuing command: compose the content from the dispute (<c>AcknowledgmentNotice.For</c>, ...), call
/// <see cref="Render"/>, append <c>notice_issued</c> with <see cref="RenderedNotice.TemplateVersion"/> and
/// <see cref="RenderedNotice.PdfSha256"/>, and insert an <see cref="Issued.IssuedNotice"/> in the same session, so the
/// event and the stored letter commit together or not at all.
/// </para>
/// </remarks>
public sealed class NoticeRenderer
{
    private static readonly FluidParser Parser = new();

    // Every value is HTML-encoded; letters outside ASCII (the Spanish "ñ", "é") are left as they are, so the page reads
    // as written and stays small. The markup-significant characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly NoticeTemplates templates;
    private readonly TemplateOptions options;

    private NoticeRenderer(NoticeTemplates templates)
    {
        this.templates = templates;
        options = new TemplateOptions
        {
            // A misspelt name in a template fails its render (and its test) instead of printing nothing in a letter.
            StrictVariables = true,
            StrictFilters = true,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in LetterView.Types)
        {
            options.MemberAccessStrategy.Register(type);
        }
    }

    /// <summary>The renderer of the templates copied beside the service's assembly (Notices/Templates).</summary>
    /// <exception cref="InvalidOperationException">A template is missing, does not parse or declares no version.</exception>
    public static NoticeRenderer FromOutput() => FromFolder(NoticeTemplates.OutputFolder);

    /// <summary>The renderer of the templates in <paramref name="folder"/>, one file <c>{kind}.{language}.liquid</c> per kind and language.</summary>
    /// <exception cref="InvalidOperationException">A template is missing, does not parse or declares no version.</exception>
    public static NoticeRenderer FromFolder(string folder) => new(NoticeTemplates.Load(folder, Parser));

    /// <summary>The version of the template <see cref="Render"/> uses for <paramref name="kind"/> in <paramref name="language"/>.</summary>
    public string TemplateVersion(NoticeKind kind, NoticeLanguage language) => templates[kind, language].Version;

    /// <summary>Renders <paramref name="content"/> in <paramref name="language"/>.</summary>
    /// <param name="content">What the notice says, composed by the domain.</param>
    /// <param name="language">The language to write it in.</param>
    /// <returns>The notice as HTML, PDF and text, with the template version and the hashes.</returns>
    /// <exception cref="NoticeScreeningViolation">The rendered letter holds a secret; nothing may be stored or sent.</exception>
    /// <exception cref="InvalidOperationException">A template defect: it names a value that does not exist, or writes HTML a letter's layout does not know.</exception>
    public RenderedNotice Render(NoticeContent content, NoticeLanguage language)
    {
        ArgumentNullException.ThrowIfNull(content);
        var template = templates[content.Kind, language];
        var context = new TemplateContext(LetterView.Of(content, language), options);
        string html;
        try
        {
            html = template.Template.Render(context, Encoder);
        }
        catch (FluidException e)
        {
            throw new InvalidOperationException($"The template {template.Path} cannot be rendered: {e.Message}", e);
        }

        var (title, blocks) = LetterLayout.Read(html);
        var text = LetterLayout.Text(blocks);
        // The title is screened too: it is part of the page though not of its text.
        if (SensitiveDataScreen.Find([title, text]) is { } secret)
        {
            throw new NoticeScreeningViolation(content.Kind, secret);
        }

        var pdf = LetterPdf.Render(blocks, new LetterPdfInfo(
            title, content.IssuerName, $"{NoticeKinds.Name(content.Kind)} {content.CaseNumber}", NoticeLanguages.Code(language), content.CaseNumber, content.SentAt));
        return new RenderedNotice(content.Kind, language, template.Version, title, html, pdf, Sha256(pdf), Sha256(Encoding.UTF8.GetBytes(html)), text);
    }

    /// <summary>The SHA-256 of <paramref name="bytes"/> as 64 lower-case hex digits, the form notices record their hashes in.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

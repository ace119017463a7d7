using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Disputes.Api.Notices;

/// <summary>What the PDF's document information says, beside its pages.</summary>
/// <param name="Title">The letter's title (its HTML title).</param>
/// <param name="Author">The issuer's name.</param>
/// <param name="Subject">What the letter is about, e.g. the kind and the case number.</param>
/// <param name="Language">The letter's language code, <c>en</c> or <c>es</c>.</param>
/// <param name="Footer">What every page's foot says before its page number, e.g. the case number.</param>
/// <param name="SentAt">When the notice is sent: the PDF's creation and modification date.</param>
internal sealed record LetterPdfInfo(string Title, string Author, string Subject, string Language, string Footer, Instant SentAt);

/// <summary>
/// Sets a letter's blocks on US Letter pages with PDFsharp: the issuer's heading, the date and case, then paragraphs,
/// wrapped to the measure and continued on further pages as needed, each page footed with the case and "n/N".
/// </summary>
/// <remarks>
/// The same letter always gives the same bytes, so the SHA-256 recorded when a notice is issued identifies it for good.
/// PDFsharp would otherwise write three things that change on every run: the creation date (set here to the sent
/// instant, in UTC), the trailer's document id, and, inside <see cref="PdfDocument.Save(Stream, bool)"/>, a random
/// six-letter tag on each embedded font subset and two random UUIDs in the XMP metadata. The id is set here from a hash
/// of the letter; the tags and UUIDs are replaced after saving, each by a value of the same length derived from that
/// hash, so no byte offset moves and the file stays valid.
/// </remarks>
internal static partial class LetterPdf
{
    // US Letter, one-inch margins: the issuer's cardmembers are in the US.
    private const double PageWidth = 612;
    private const double PageHeight = 792;
    private const double Margin = 72;
    private const double FooterSize = 8;
    private const double BulletIndent = 14;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>The PDF of <paramref name="blocks"/>.</summary>
    public static byte[] Render(IReadOnlyList<LetterBlock> blocks, LetterPdfInfo info)
    {
        LetterFonts.EnsureInstalled();
        var fonts = new Fonts(
            Letterhead: Font(16, bold: true),
            Heading: Font(13, bold: true),
            Subheading: Font(11, bold: true),
            Body: Font(10.5, bold: false),
            Label: Font(10.5, bold: true),
            Footer: Font(FooterSize, bold: false));

        var pages = Paginate(blocks, fonts);
        // What the ids and tags are derived from: everything the PDF shows, written culture-invariantly.
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            [info.Title, info.Author, info.Subject, info.Language, info.Footer, InstantPattern.ExtendedIso.Format(info.SentAt),
             .. blocks.Select(b => $"{b.Style}|{b.Label}|{b.Text}")])));

        using var document = new PdfDocument();
        document.Info.Title = info.Title;
        document.Info.Author = info.Author;
        document.Info.Subject = info.Subject;
        document.Info.Creator = "Disputes notices";
        var sent = info.SentAt.ToDateTimeUtc();
        document.Info.CreationDate = sent;
        document.Info.ModificationDate = sent;
        document.Language = info.Language;
        var id = Encoding.Latin1.GetString(seed, 0, 16);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        for (var number = 0; number < pages.Count; number++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var graphics = XGraphics.FromPdfPage(page);
            foreach (var line in pages[number])
            {
                graphics.DrawString(line.Text, line.Font, XBrushes.Black, new XPoint(line.X, line.Y), XStringFormats.TopLeft);
            }

            var foot = $"{info.Footer} · {number + 1}/{pages.Count}";
            graphics.DrawString(foot, fonts.Footer, XBrushes.Black, new XPoint(Margin, PageHeight - Margin / 2), XStringFormats.TopLeft);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return Settle(output.ToArray(), seed);
    }

    private static XFont Font(double size, bool bold) =>
        new(LetterFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    private sealed record Fonts(XFont Letterhead, XFont Heading, XFont Subheading, XFont Body, XFont Label, XFont Footer);

    private sealed record PlacedLine(string Text, XFont Font, double X, double Y);

    /// <summary>Lays every block out in lines, breaking to a new page when the next line would reach the bottom margin.</summary>
    private static List<List<PlacedLine>> Paginate(IReadOnlyList<LetterBlock> blocks, Fonts fonts)
    {
        using var measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var pages = new List<List<PlacedLine>> { new() };
        var bottom = PageHeight - Margin;
        var width = PageWidth - 2 * Margin;
        var y = Margin;

        // One line at x; a lead (a field's label, a bullet) is set at the margin on the same line.
        void Line(string text, XFont font, double x, string? lead = null, XFont? leadFont = null)
        {
            var height = font.GetHeight();
            if (y + height > bottom && pages[^1].Count > 0)
            {
                pages.Add([]);
                y = Margin;
            }

            if (lead is not null)
            {
                pages[^1].Add(new PlacedLine(lead, leadFont ?? font, Margin, y));
            }

            pages[^1].Add(new PlacedLine(text, font, x, y));
            y += height;
        }

        BlockStyle? previous = null;
        foreach (var block in blocks)
        {
            // A field follows a field, and an item an item, with no space between; other blocks are spaced apart.
            var together = previous == block.Style && block.Style is BlockStyle.Field or BlockStyle.Bullet;
            if (previous is not null && !together && y > Margin)
            {
                y += fonts.Body.GetHeight() * (block.Style is BlockStyle.Heading or BlockStyle.Subheading ? 1.0 : 0.6);
            }

            previous = block.Style;
            if (block.Style == BlockStyle.Field)
            {
                var label = block.Label + ": ";
                var indent = measure.MeasureString(label, fonts.Label).Width;
                var lines = Wrap(measure, block.Text, fonts.Body, width - indent).ToList();
                for (var i = 0; i < lines.Count; i++)
                {
                    Line(lines[i], fonts.Body, Margin + indent, i == 0 ? label : null, fonts.Label);
                }

                continue;
            }

            if (block.Style == BlockStyle.Bullet)
            {
                var lines = Wrap(measure, block.Text, fonts.Body, width - BulletIndent).ToList();
                for (var i = 0; i < lines.Count; i++)
                {
                    Line(lines[i], fonts.Body, Margin + BulletIndent, i == 0 ? "•" : null);
                }

                continue;
            }

            var font = block.Style switch
            {
                BlockStyle.Letterhead => fonts.Letterhead,
                BlockStyle.Heading => fonts.Heading,
                BlockStyle.Subheading => fonts.Subheading,
                _ => fonts.Body,
            };
            foreach (var line in Wrap(measure, block.Text, font, width))
            {
                Line(line, font, Margin);
            }
        }

        return pages;
    }

    /// <summary>
    /// The lines of <paramref name="text"/> set in <paramref name="font"/> within <paramref name="width"/>: its own line
    /// breaks kept, words filled greedily, and a word longer than the whole line broken where it must be.
    /// </summary>
    private static IEnumerable<string> Wrap(XGraphics measure, string text, XFont font, double width)
    {
        bool Fits(string candidate) => measure.MeasureString(candidate, font).Width <= width;

        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Fits(candidate))
                {
                    line.Clear().Append(candidate);
                    continue;
                }

                if (line.Length > 0)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                var rest = word;
                while (!Fits(rest))
                {
                    var cut = rest.Length - 1;
                    while (cut > 1 && !Fits(rest[..cut]))
                    {
                        cut--;
                    }

                    yield return rest[..cut];
                    rest = rest[cut..];
                }

                line.Append(rest);
            }

            if (line.Length > 0)
            {
                yield return line.ToString();
            }
        }
    }

    /// <summary>
    /// Replaces what PDFsharp drew at random while saving (each font subset's tag, the XMP metadata's UUIDs) by values of
    /// the same length derived from <paramref name="seed"/>, in place.
    /// </summary>
    private static byte[] Settle(byte[] pdf, byte[] seed)
    {
        // Latin-1 maps each byte to one char and back, so indices in the string are offsets in the file.
        var text = Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match subset in SubsetTag().Matches(text))
        {
            var tag = subset.Groups["tag"].Value;
            if (!tags.TryGetValue(tag, out var settled))
            {
                settled = Tag(seed, subset.Groups["face"].Value, tags.Count);
                tags[tag] = settled;
            }

            Encoding.ASCII.GetBytes(settled).CopyTo(pdf, subset.Groups["tag"].Index);
        }

        var counter = 0;
        foreach (Match uuid in XmpUuid().Matches(text))
        {
            var hash = SHA256.HashData([.. seed, .. BitConverter.GetBytes(counter++)]);
            Encoding.ASCII.GetBytes(new Guid(hash.AsSpan(0, 16)).ToString("D")).CopyTo(pdf, uuid.Groups["uuid"].Index);
        }

        return pdf;
    }

    /// <summary>Six capital letters for the subset of <paramref name="face"/>, from the seed: the same letter always gives the same tag.</summary>
    private static string Tag(byte[] seed, string face, int index)
    {
        var hash = SHA256.HashData([.. seed, .. Encoding.UTF8.GetBytes(face), (byte)index]);
        return string.Concat(hash.Take(6).Select(b => (char)('A' + b % 26)));
    }

    // Only where a font dictionary names the font: the same six letters inside a compressed stream are no tag.
    [GeneratedRegex(@"/(?:BaseFont|FontName)\s*/(?<tag>[A-Z]{6})\+(?<face>[A-Za-z0-9-]+)")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"<xmpMM:(?:DocumentID|InstanceID)>uuid:(?<uuid>[0-9a-fA-F-]{36})</xmpMM:")]
    private static partial Regex XmpUuid();
}

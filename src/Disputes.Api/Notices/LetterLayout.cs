using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Disputes.Api.Notices;

/// <summary>How a block of a letter is set: in the PDF, and as a line of its plain text.</summary>
internal enum BlockStyle
{
    /// <summary>The issuer's name heading the letter (<c>p class="issuer"</c>).</summary>
    Letterhead,

    /// <summary>The letter's subject (<c>h1</c>).</summary>
    Heading,

    /// <summary>A section heading (<c>h2</c>).</summary>
    Subheading,

    /// <summary>A paragraph (<c>p</c>, <c>address</c>); its lines break where the HTML has <c>br</c>.</summary>
    Paragraph,

    /// <summary>An item of a list (<c>li</c>).</summary>
    Bullet,

    /// <summary>A labelled value (<c>dt</c> and its <c>dd</c>).</summary>
    Field,
}

/// <summary>One block of a letter, in reading order.</summary>
/// <param name="Style">How it is set.</param>
/// <param name="Text">Its text, white space collapsed; a line break where the letter breaks a line.</param>
/// <param name="Label">For a <see cref="BlockStyle.Field"/>: its label.</param>
internal sealed record LetterBlock(BlockStyle Style, string Text, string? Label = null);

/// <summary>
/// The letter as blocks, read from the HTML the template rendered: the PDF is set from these blocks and the plain text
/// written from them, so the HTML, the PDF and the text say the same thing by construction. A template writes
/// well-formed HTML (every element closed, <c>&lt;br /&gt;</c>) with the elements listed in Templates/README.md; any
/// other element in the body is a template defect and refused.
/// </summary>
internal static class LetterLayout
{
    // CheckCharacters off: a control character in a stored value (encoded by the HTML encoder as a character reference) is
    // not well-formed XML 1.0, but it is still a letter; it is carried through, not refused.
    private static readonly XmlReaderSettings Reading = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, CheckCharacters = false };

    /// <summary>The title and the blocks of <paramref name="html"/>.</summary>
    /// <exception cref="InvalidOperationException">The HTML is not well formed, or holds an element a letter does not use.</exception>
    public static (string Title, IReadOnlyList<LetterBlock> Blocks) Read(string html)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(html), Reading);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new InvalidOperationException($"A notice template rendered HTML that is not well formed (line {e.LineNumber}): every element must be closed.", e);
        }

        var root = document.Root ?? throw new InvalidOperationException("A notice template rendered no HTML.");
        var title = Collapse(root.Descendants("title").FirstOrDefault()?.Value ?? "");
        var body = root.Element("body") ?? throw new InvalidOperationException("A notice template rendered no body.");
        var blocks = new List<LetterBlock>();
        Walk(body, blocks);
        return (title, blocks);
    }

    /// <summary>The letter as plain text: a block a paragraph, a list item after a bullet, a field as "label: value".</summary>
    public static string Text(IEnumerable<LetterBlock> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            if (text.Length > 0)
            {
                text.Append(block.Style is BlockStyle.Field or BlockStyle.Bullet ? "\n" : "\n\n");
            }

            text.Append(block.Style switch
            {
                BlockStyle.Field => $"{block.Label}: {block.Text}",
                BlockStyle.Bullet => "• " + block.Text.Replace("\n", "\n  ", StringComparison.Ordinal),
                _ => block.Text,
            });
        }

        return text.ToString();
    }

    private static void Walk(XElement container, List<LetterBlock> blocks)
    {
        foreach (var element in container.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "main" or "header" or "section" or "footer" or "div":
                    Walk(element, blocks);
                    break;
                case "h1":
                    blocks.Add(new LetterBlock(BlockStyle.Heading, Inline(element)));
                    break;
                case "h2" or "h3":
                    blocks.Add(new LetterBlock(BlockStyle.Subheading, Inline(element)));
                    break;
                case "p" when (string?)element.Attribute("class") == "issuer":
                    blocks.Add(new LetterBlock(BlockStyle.Letterhead, Inline(element)));
                    break;
                case "p" or "address":
                    blocks.Add(new LetterBlock(BlockStyle.Paragraph, Inline(element)));
                    break;
                case "ul" or "ol":
                    foreach (var item in element.Elements("li"))
                    {
                        blocks.Add(new LetterBlock(BlockStyle.Bullet, Inline(item)));
                    }

                    break;
                case "dl":
                    string? label = null;
                    foreach (var term in element.Elements())
                    {
                        if (term.Name.LocalName == "dt")
                        {
                            label = Inline(term);
                        }
                        else if (term.Name.LocalName == "dd" && label is not null)
                        {
                            blocks.Add(new LetterBlock(BlockStyle.Field, Inline(term), label));
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"A notice template used <{element.Name.LocalName}>, which a letter's layout does not know.");
            }
        }
    }

    /// <summary>The text of an element: inline elements read as their text, <c>br</c> as a line break, blocks (an <c>address</c> in a list item) on lines of their own.</summary>
    private static string Inline(XElement element)
    {
        var lines = new List<StringBuilder> { new() };
        void Read(XElement from)
        {
            foreach (var node in from.Nodes())
            {
                switch (node)
                {
                    case XText text:
                        lines[^1].Append(text.Value);
                        break;
                    case XElement { Name.LocalName: "br" }:
                        lines.Add(new StringBuilder());
                        break;
                    case XElement { Name.LocalName: "address" or "p" or "div" } block:
                        lines.Add(new StringBuilder());
                        Read(block);
                        lines.Add(new StringBuilder());
                        break;
                    case XElement inline:
                        Read(inline);
                        break;
                }
            }
        }

        Read(element);
        return string.Join('\n', lines.Select(line => Collapse(line.ToString())).Where(line => line.Length > 0));
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using System.Reflection;
using PdfSharp.Fonts;

namespace Disputes.Api.Notices;

/// <summary>
/// The only fonts a notice PDF is set in: DejaVu Sans, regular and bold, shipped in this assembly (Notices/Fonts, with
/// their licence). PDFsharp asks this resolver for every face, so a machine's installed fonts are never read and a fresh
/// machine renders the same bytes as this one.
/// </summary>
internal sealed class LetterFonts : IFontResolver
{
    /// <summary>The family name the letters ask for.</summary>
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lazy<LetterFonts> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, byte[]> faces;

    private LetterFonts()
    {
        faces = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Regular] = Load(Regular),
            [Bold] = Load(Bold),
        };
    }

    /// <summary>
    /// Makes this PDFsharp's font resolver, once per process. PDFsharp keeps one resolver for the process and refuses to
    /// change it once a font was used, so nothing else in the service may set one.
    /// </summary>
    public static void EnsureInstalled() => _ = Installed.Value;

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase))
        {
            // No fallback to a system font: a letter set in whatever a machine has would not render the same bytes.
            return null;
        }

        // No oblique face is shipped; the letters use none, and PDFsharp slants the regular one if asked.
        return new FontResolverInfo(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    private static LetterFonts Install()
    {
        var fonts = new LetterFonts();
        GlobalFontSettings.FontResolver = fonts;
        return fonts;
    }

    private static byte[] Load(string face)
    {
        var name = $"Disputes.Api.Notices.Fonts.{face}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}

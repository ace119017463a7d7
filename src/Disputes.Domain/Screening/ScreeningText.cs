using System.Buffers;
using System.Globalization;
using System.Text;

namespace Disputes.Domain.Screening;

/// <summary>
/// The text as the screen reads it: every way of typing a digit is an ASCII digit, every way of typing a letter
/// is one lower-case, unaccented letter, and characters meant to be invisible do not split a word.
/// </summary>
internal static class ScreeningText
{
    private const char FirstFoldable = '\u00C0';
    private const char LastFoldable = '\u024F';

    // Built once from the Unicode decompositions, so that "ó", "Ó" and "o" + U+0301 all read "o" in keywords.
    private static readonly char[] Folded = BuildFoldTable();

    /// <summary>
    /// Writes the screen's reading of <paramref name="text"/> into a pooled buffer the caller returns; plain ASCII
    /// needs no reading and is not passed here.
    /// </summary>
    public static ReadOnlySpan<char> Read(string text, out char[] rented)
    {
        var composed = Compose(text);
        rented = ArrayPool<char>.Shared.Rent(composed.Length);
        var length = 0;
        for (var i = 0; i < composed.Length;)
        {
            var c = composed[i];
            if (char.IsAscii(c))
            {
                rented[length++] = c;
                i++;
                continue;
            }

            Rune.DecodeFromUtf16(composed.AsSpan(i), out var rune, out var consumed);
            length = Append(rune, rented, length);
            i += consumed;
        }

        return rented.AsSpan(0, length);
    }

    // NFKC turns full-width, circled and superscript digits into ASCII ones, no-break and figure spaces into
    // spaces, and composes "o" + U+0301 into "ó". Text with lone surrogates cannot be normalized; they are read
    // as spaces instead of letting the refusal of a malformed string become a way around the screen.
    private static string Compose(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            var repaired = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                repaired.Append(rune == Rune.ReplacementChar ? " " : rune.ToString());
            }

            return repaired.ToString().Normalize(NormalizationForm.FormKC);
        }
    }

    private static int Append(Rune rune, char[] buffer, int length)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.DecimalDigitNumber:
                buffer[length] = (char)('0' + (int)Rune.GetNumericValue(rune));
                return length + 1;

            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter:
                return length + Fold(Rune.ToLowerInvariant(rune)).EncodeToUtf16(buffer.AsSpan(length));

            // A zero-width or combining character inside a word ("c\u200Bvv") is dropped so the word still
            // reads; elsewhere it is a separator, so that it splits digit groups the way a space does.
            case UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark:
                if (length > 0 && char.IsLetter(buffer[length - 1]))
                {
                    return length;
                }

                buffer[length] = ' ';
                return length + 1;

            default:
                return length + rune.EncodeToUtf16(buffer.AsSpan(length));
        }
    }

    private static Rune Fold(Rune letter) =>
        letter.Value is >= FirstFoldable and <= LastFoldable ? new Rune(Folded[letter.Value - FirstFoldable]) : letter;

    private static char[] BuildFoldTable()
    {
        var table = new char[LastFoldable - FirstFoldable + 1];
        for (var c = FirstFoldable; c <= LastFoldable; c++)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            table[c - FirstFoldable] = char.IsAsciiLetter(decomposed[0]) ? char.ToLowerInvariant(decomposed[0]) : c;
        }

        return table;
    }
}

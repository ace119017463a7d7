using System.Buffers;
using System.Text;

namespace Disputes.Domain.Screening;

/// <summary>
/// Finds secrets in free text before it is stored: full card numbers, card security codes, Social Security
/// numbers and one-time passcodes, none of which the service may keep (billing-error rules, section 7).
/// </summary>
/// <remarks>
/// <para>
/// The screen reports only which kind of secret it found, never where or what, so that the value cannot leak
/// into an error message or a log.
/// </para>
/// <para>
/// <b>What it reads.</b> Text that is not plain ASCII is first normalized (Unicode NFKC, so full-width, circled and
/// superscript digits, no-break and figure spaces, and decomposed accents such as "co\u0301digo" read as their plain
/// forms); every Unicode decimal digit (Arabic-Indic, Devanagari, ...) is read as its ASCII digit; letters are
/// read lower-case without accents; a zero-width or combining character inside a word is ignored. Plain ASCII is
/// read as it is, with no allocation. Digits are grouped into numbers: any run of up to eight characters that are
/// neither letters nor digits (spaces, dashes, dots, slashes, underscores, tabs, line breaks, zero-width
/// characters) joins two digit groups, except a comma or semicolon followed by a space, which is how lists are
/// written.
/// </para>
/// <para>
/// <b>What it finds.</b> A card number is 13 to 19 digits made of whole groups of a number that pass the Luhn
/// check, whatever the grouping ("4111 1111 1111 1111", "4 1 1 1 ...", "4111.1111_1111/1111"), and with no
/// keyword needed. An SSN is a number of exactly three groups of 3, 2 and 4 digits that could have been issued
/// ("123-45-6789", "123.45.6789"), or any nine digits after "SSN", "SS#", "social", "social security (number)" or
/// "(número de) seguro social". A security code is 3 or 4 digits, however grouped ("123", "1 2 3"), after "CVV",
/// "CVV2", "CVC", "CID", "CSC", "CVV code", "security code", "security number" or "código/clave de seguridad". A
/// one-time passcode is 4 to 8 digits, however grouped, after "OTP", "passcode", "password", "one-time code",
/// "verification code", "PIN" or "PIN code", and in Spanish "clave", "contraseña (de un solo uso)", "NIP" or
/// "código de verificación"; a "security code" or "código de seguridad" too long for a card code is taken as a
/// passcode (Spanish banks call their SMS codes so). A plain "code" or "código" counts too, for 4 to 8 digits that
/// are not a year.
/// A keyword reaches a number up to six words and forty characters after it ("the passcode you sent me is
/// 483920", "el código que me enviaron es 123456"), or one up to three linking words before it ("483920 is my
/// OTP", "123 es mi cvv"), but not into another sentence ("They never asked for my CVV. The ATM gave me 200"),
/// unless the number is that sentence alone ("my OTP. 483920"). Numbers that are counts ("the 1200 charge",
/// "3 veces") are no codes.
/// </para>
/// <para>
/// <b>What it lets through.</b> Ordinary dispute text: after a keyword, a number that is a date with a real month
/// and day ("2025-02-10", "02/10/2025"), a time ("10:30"), an amount ("$127.43", "1,234.56", "127.43 USD", "45%")
/// or that belongs to a nearer label ("order 5512", "reference number 12345678", "card ending 1005", "last four
/// 1005", "10 de febrero de 2025") is not a code, and "zip code", "postal code", "promo code", "discount code", "confirmation code", "reason code",
/// "authorization code" and their Spanish forms are not passcodes. Card numbers and formatted SSNs are found even
/// after such labels: a label does not make a secret safe to keep. A GUID ("5eff4b1e-a556-50af-4111-111111111111") or a
/// run of exactly 32 hex digits (a GUID without dashes, a trace id) is an identifier, not a number, even when some of
/// its groups are digits that pass the Luhn check; a card number before or after one is still found.
/// </para>
/// <para>Screening is a single pass that looks at each character a bounded number of times.</para>
/// </remarks>
public static class SensitiveDataScreen
{
    private static readonly SensitiveDataKind[] KindsInOrder = Enum.GetValues<SensitiveDataKind>();

    /// <summary>
    /// Returns the first kind of secret found in <paramref name="text"/>, or null when it holds none.
    /// </summary>
    /// <param name="text">Free text, as typed by the consumer or the agent; null and empty hold no secret.</param>
    /// <returns>
    /// The kind found, checking in the order the kinds are declared in <see cref="SensitiveDataKind"/> (card
    /// number first); null when the text holds none of them.
    /// </returns>
    public static SensitiveDataKind? Find(string? text) => First(Scan(text));

    /// <summary>
    /// Returns the first kind of secret found in any of <paramref name="texts"/> or in all of them joined by a
    /// space, so that a secret split across fields ("4111 1111" and "1111 1111") is found too.
    /// </summary>
    /// <param name="texts">The free-text fields of one request, in the order they are given; nulls are skipped.</param>
    /// <returns>
    /// The kind found, checking in the order the kinds are declared in <see cref="SensitiveDataKind"/>; null
    /// when no field, alone or joined, holds one.
    /// </returns>
    public static SensitiveDataKind? Find(IReadOnlyList<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var found = Findings.None;
        foreach (var text in texts)
        {
            found |= Scan(text);
        }

        // Each field is also screened alone: joining can hide a secret as well as reveal one ("CVV 123" and
        // "4" read "CVV 123 4").
        return First(found | Scan(string.Join(' ', texts.Where(text => !string.IsNullOrEmpty(text)))));
    }

    private static Findings Scan(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Findings.None;
        }

        if (Ascii.IsValid(text))
        {
            return SecretScanner.Scan(text);
        }

        var read = ScreeningText.Read(text, out var rented);
        try
        {
            return SecretScanner.Scan(read);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static SensitiveDataKind? First(Findings found)
    {
        foreach (var kind in KindsInOrder)
        {
            if ((found & (Findings)(1 << (int)kind)) != 0)
            {
                return kind;
            }
        }

        return null;
    }
}

using System.Text.RegularExpressions;

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
/// It is tuned to refuse text that gives a secret while letting ordinary dispute text through: amounts such as
/// "$127.43", dates such as "2025-02-10" and "card ending 1005" are not flagged. Security codes and passcodes
/// are only recognisable when given as such, after their keyword, because any 3-to-8-digit number could be one.
/// Every pattern is linear in the length of the text.
/// </para>
/// </remarks>
public static partial class SensitiveDataScreen
{
    private const int MinCardDigits = 13;
    private const int MaxCardDigits = 19;

    private const RegexOptions Options =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// Returns the first kind of secret found in <paramref name="text"/>, or null when it holds none.
    /// </summary>
    /// <param name="text">Free text, as typed by the consumer or the agent; null and empty hold no secret.</param>
    /// <returns>
    /// The kind found, checking in the order the kinds are declared in <see cref="SensitiveDataKind"/> (card
    /// number first); null when the text holds none of them.
    /// </returns>
    public static SensitiveDataKind? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (ContainsCardNumber(text))
        {
            return SensitiveDataKind.CardNumber;
        }

        if (CardSecurityCode().IsMatch(text))
        {
            return SensitiveDataKind.CardSecurityCode;
        }

        if (FormattedSocialSecurityNumber().IsMatch(text) || LabelledSocialSecurityNumber().IsMatch(text))
        {
            return SensitiveDataKind.SocialSecurityNumber;
        }

        if (OneTimePasscode().IsMatch(text))
        {
            return SensitiveDataKind.OneTimePasscode;
        }

        return null;
    }

    // A digit run is split into groups by single spaces or dashes. The card number may be only part of the
    // run ("ref 12 4111 1111 1111 1111"), so every span of whole groups with 13 to 19 digits is checked; a span
    // never starts or ends inside a group, because a run of digits that fails Luhn (an order number) is not a
    // card number, and any 13 consecutive digits of a long reference would otherwise pass one time in ten.
    private static bool ContainsCardNumber(string text)
    {
        Span<char> digits = stackalloc char[MaxCardDigits];
        foreach (var run in DigitRun().EnumerateMatches(text))
        {
            if (CountDigits(text.AsSpan(run.Index, run.Length)) < MinCardDigits)
            {
                continue;
            }

            var runText = text.AsSpan(run.Index, run.Length);
            for (var start = 0; start < runText.Length; start = NextGroupStart(runText, start))
            {
                var count = 0;
                for (var i = start; i < runText.Length; i++)
                {
                    var c = runText[i];
                    if (c is ' ' or '-')
                    {
                        if (count >= MinCardDigits && PassesLuhn(digits[..count]))
                        {
                            return true;
                        }

                        continue;
                    }

                    if (count == MaxCardDigits)
                    {
                        count = -1;
                        break;
                    }

                    digits[count++] = c;
                }

                if (count >= MinCardDigits && PassesLuhn(digits[..count]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int CountDigits(ReadOnlySpan<char> run)
    {
        var count = 0;
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    private static int NextGroupStart(ReadOnlySpan<char> run, int start)
    {
        var separator = run[start..].IndexOfAny(' ', '-');
        return separator < 0 ? run.Length : start + separator + 1;
    }

    private static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    // Groups of ASCII digits joined by single spaces or dashes. Each group must be followed by a separator and a
    // digit to continue, so the match is unambiguous and linear.
    [GeneratedRegex("[0-9]+(?:[ -][0-9]+)*", Options)]
    private static partial Regex DigitRun();

    // The keyword, up to a few non-digit characters (": ", " is ", " = "), then 3 or 4 digits that are neither
    // part of a longer number, an amount ("$123") nor a date or time ("2025-02-10", "12:30").
    [GeneratedRegex(
        @"(?<!\p{L})(?:cvv2?|cvc2?|cid|security\s{1,3}code|c[oó]digo\s{1,3}de\s{1,3}seguridad)(?!\p{L})" +
        @"[^0-9]{0,8}(?<![$€£¥])[0-9]{3,4}(?![0-9])(?![.,/:-][0-9])",
        Options)]
    private static partial Regex CardSecurityCode();

    // Area 000, 666 and 900-999, group 00 and serial 0000 are never issued, so they are not treated as numbers.
    // The same separator is required twice, as in "123-45-6789" or "123 45 6789".
    [GeneratedRegex(
        @"(?<![0-9])(?!000|666|9)[0-9]{3}(?<sep>[- ])(?!00)[0-9]{2}\k<sep>(?!0000)[0-9]{4}(?![0-9])",
        Options)]
    private static partial Regex FormattedSocialSecurityNumber();

    // With the keyword, any nine digits are taken to be the number, whatever their grouping.
    [GeneratedRegex(
        @"(?<!\p{L})(?:ssn|social\s{1,3}security(?:\s{1,3}(?:number|no\.?|num\.?|\#))?|(?:n[uú]mero\s{1,3}de\s{1,3})?seguro\s{1,3}social)(?!\p{L})" +
        @"[^0-9]{0,12}(?<![$€£¥])[0-9]{3}[ -]?[0-9]{2}[ -]?[0-9]{4}(?![0-9])",
        Options)]
    private static partial Regex LabelledSocialSecurityNumber();

    // The keyword, up to a few non-digit characters, then 4 to 8 digits, or two groups of 3 or 4 ("123 456")
    // as codes are often shown; dates, times and amounts after the keyword are let through.
    [GeneratedRegex(
        @"(?<!\p{L})(?:otp|one[- ]time\s{1,3}(?:passcode|password|code)|passcode|verification\s{1,3}code|c[oó]digo\s{1,3}de\s{1,3}verificaci[oó]n)(?!\p{L})" +
        @"[^0-9]{0,8}(?<![$€£¥])(?:[0-9]{3,4}[ -][0-9]{3,4}|[0-9]{4,8})(?![0-9])(?![.,/:-][0-9])",
        Options)]
    private static partial Regex OneTimePasscode();
}

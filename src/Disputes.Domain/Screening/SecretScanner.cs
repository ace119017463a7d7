using System.Buffers;
using System.Globalization;

namespace Disputes.Domain.Screening;

/// <summary>Which kinds of secret a text holds, one bit per <see cref="SensitiveDataKind"/>.</summary>
[Flags]
internal enum Findings
{
    None = 0,
    CardNumber = 1 << (int)SensitiveDataKind.CardNumber,
    CardSecurityCode = 1 << (int)SensitiveDataKind.CardSecurityCode,
    SocialSecurityNumber = 1 << (int)SensitiveDataKind.SocialSecurityNumber,
    OneTimePasscode = 1 << (int)SensitiveDataKind.OneTimePasscode,
}

/// <summary>
/// One left-to-right pass over the screen's reading of a text: words set what the next number could be (a
/// cue), numbers are checked against the cue still in force, and every number is checked for card numbers and
/// formatted SSNs whatever comes before it. Each character is looked at a bounded number of times.
/// </summary>
internal ref struct SecretScanner
{
    private const int MinCardDigits = 13;

    // A keyword reaches a number a few words later ("the passcode you sent me is 483920"), not a sentence later.
    private const int MaxWordsFromCue = 6;
    private const int MaxCharsFromCue = 40;
    private const int MaxLinkingWordsAfterNumber = 3;

    // Long enough for any visual separator ("4111 - 1111", "4111\u00A0\u00A0 1111"), short enough that numbers in
    // different parts of a sentence stay apart.
    private const int MaxSeparatorLength = 8;

    private readonly ReadOnlySpan<char> text;
    private int position;
    private Findings found;
    private Cue cue;
    private int cueEnd;
    private int wordsSinceCue;
    private WordRole previousRole;
    private RecentDigits recentDigits;
    private NumberShape? numberBeforeCue;
    private int wordsSinceNumber;
    private bool cueInEarlierSentence;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private SecretScanner(ReadOnlySpan<char> text) => this.text = text;

    /// <summary>What the words read so far say the next number is.</summary>
    private enum Cue
    {
        None,
        SecurityCode,
        SecurityCodeOrPasscode,
        Passcode,
        Code,
        SocialSecurityNumber,

        // Half a keyword: "security" and "one time" mean nothing until "code", "number" or "password" follows.
        Security,
        OneTime,

        // The number after these belongs to them: an order, a date, a card ending, an amount.
        Reference,
        Position,
    }

    public static Findings Scan(ReadOnlySpan<char> text)
    {
        var scanner = new SecretScanner(text);
        scanner.ScanAll();
        return scanner.found;
    }

    private void ScanAll()
    {
        while (position < text.Length && (found & Findings.CardNumber) == 0)
        {
            var c = text[position];
            if (char.IsAsciiHexDigit(c) && IdentifierLength(position) is > 0 and var length)
            {
                position += length;
                Heard(WordRole.Ordinary);
            }
            else if (char.IsAsciiDigit(c))
            {
                ReadNumber();
            }
            else if (char.IsLetter(c))
            {
                ReadWord();
            }
            else
            {
                SkipSeparators();
            }
        }
    }

    // Separators and words are short, so a plain loop beats a vectorized search here.
    private void SkipSeparators()
    {
        var start = position;
        do
        {
            position++;
        }
        while (position < text.Length && char.IsAscii(text[position]) && !char.IsAsciiLetterOrDigit(text[position]));

        if (position - start > 1 && EndsSentence(text[start..position]))
        {
            EndSentence();
        }
    }

    // "They never asked for my CVV. The ATM gave me 200": a keyword does not reach into the next sentence, nor a
    // number wait for a keyword in it, except a number that is the whole next sentence ("my OTP. 483920").
    private void EndSentence()
    {
        numberBeforeCue = null;
        cueInEarlierSentence = cue != Cue.None;
    }

    private readonly bool IsWholeSentence(NumberShape number)
    {
        var after = number.End;
        while (after < text.Length && text[after] == ' ')
        {
            after++;
        }

        return after == text.Length || text[after] is '.' or '!' or '?' or '\n' or '\r';
    }

    private void ReadWord()
    {
        var start = position;
        position = EndOfWord(position);
        Heard(ScreeningVocabulary.Classify(text[start..position]));
    }

    private void Heard(WordRole role)
    {
        Hear(role);
        previousRole = role;
        HearAfterNumber(role);
    }

    // A GUID (8-4-4-4-12 hex digits, the service's own ids and the references other systems send) or 32 hex digits
    // in one run (a GUID without dashes, a trace id) is an identifier, read as one word: its decimal groups are no
    // number. A random GUID's last two groups (or first three) are now and then all digits and pass Luhn, often enough
    // that requests naming a random id were refused.
    private readonly int IdentifierLength(int from)
    {
        if (from > 0 && char.IsLetterOrDigit(text[from - 1]))
        {
            return 0;
        }

        var hex = text[from..].IndexOfAnyExcept(HexDigits);
        var run = hex < 0 ? text.Length - from : hex;
        var length = run switch
        {
            32 => 32,
            8 when IsGuidTail(from + 8) => 36,
            _ => 0,
        };
        return length > 0 && (from + length == text.Length || !char.IsLetterOrDigit(text[from + length])) ? length : 0;
    }

    // "-xxxx-xxxx-xxxx-xxxxxxxxxxxx" after a GUID's first eight hex digits.
    private readonly bool IsGuidTail(int from)
    {
        foreach (var groupLength in (ReadOnlySpan<int>)[4, 4, 4, 12])
        {
            if (from >= text.Length || text[from] != '-')
            {
                return false;
            }

            from++;
            var hex = text[from..].IndexOfAnyExcept(HexDigits);
            if ((hex < 0 ? text.Length - from : hex) != groupLength)
            {
                return false;
            }

            from += groupLength;
        }

        return true;
    }

    // "483920 is my OTP", "123 es mi cvv": the keyword may come a few linking words after its number.
    private void HearAfterNumber(WordRole role)
    {
        if (numberBeforeCue is not { } number)
        {
            return;
        }

        var cueJustSet = cueEnd == position;
        if (cueJustSet && cue is not (Cue.Security or Cue.OneTime))
        {
            CheckAgainstCue(number);
            numberBeforeCue = null;
        }
        else if ((!cueJustSet && role is not (WordRole.Linking or WordRole.One))
                 || ++wordsSinceNumber > MaxLinkingWordsAfterNumber)
        {
            numberBeforeCue = null;
        }
    }

    private readonly int EndOfWord(int from)
    {
        var end = from;
        while (end < text.Length && (char.IsAsciiLetter(text[end]) || (!char.IsAscii(text[end]) && char.IsLetter(text[end]))))
        {
            end++;
        }

        return end;
    }

    private void Hear(WordRole role)
    {
        var rightAfterCue = wordsSinceCue == 0 && cue != Cue.None && !cueInEarlierSentence;
        switch (role)
        {
            case WordRole.CardSecurityCode:
                SkipCardSecurityCodeVersion();
                SetCue(Cue.SecurityCode);
                break;
            case WordRole.Security when !(rightAfterCue && cue == Cue.SocialSecurityNumber):
                SetCue(Cue.Security);
                break;
            case WordRole.Seguridad when cue is Cue.Code or Cue.Passcode && wordsSinceCue <= 1:
                SetCue(Cue.SecurityCodeOrPasscode);
                break;
            case WordRole.Passcode:
                SetCue(Cue.Passcode);
                break;
            case WordRole.Code:
                SetCue(CueForCode(rightAfterCue));
                break;
            case WordRole.NumberNoun when rightAfterCue:
                SetCue(cue == Cue.Security ? Cue.SecurityCodeOrPasscode : cue);
                break;
            case WordRole.Time when previousRole == WordRole.One:
                SetCue(Cue.OneTime);
                break;
            case WordRole.SocialSecurity:
            case WordRole.SocialSecurityAbbreviation when position < text.Length && text[position] == '#':
                SetCue(Cue.SocialSecurityNumber);
                break;
            case WordRole.Reference:
                SetCue(Cue.Reference);
                break;
            case WordRole.Position or WordRole.Currency:
                SetCue(Cue.Position);
                break;
            default:
                CountWordSinceCue();
                break;
        }
    }

    // "cvv code", "PIN code", "one-time code", "zip code": a "code" right after a cue belongs to it.
    private readonly Cue CueForCode(bool rightAfterCue) =>
        !rightAfterCue
            ? Cue.Code
            : cue switch
            {
                Cue.Security => Cue.SecurityCodeOrPasscode,
                Cue.OneTime => Cue.Passcode,
                Cue.Position => Cue.Code,
                _ => cue,
            };

    // "CVV2" and "CVC2" name the code, they are not part of it.
    private void SkipCardSecurityCodeVersion()
    {
        if (position < text.Length && text[position] == '2'
            && (position + 1 == text.Length || !char.IsAsciiDigit(text[position + 1])))
        {
            position++;
        }
    }

    private void SetCue(Cue next)
    {
        cueInEarlierSentence = false;
        cue = next;
        cueEnd = position;
        wordsSinceCue = 0;
    }

    private void CountWordSinceCue()
    {
        if (cue != Cue.None && (++wordsSinceCue > MaxWordsFromCue || cueInEarlierSentence))
        {
            cue = Cue.None;
        }
    }

    private void ReadNumber()
    {
        var number = new NumberShape { Start = position };
        recentDigits.Clear();
        Range groupBefore = default, previousGroup = default, group = default;

        // The separators before each of the last three groups (none before the number's first).
        Range beforeGroupBefore = default, beforePreviousGroup = default, beforeGroup = default, separator = default;
        while (true)
        {
            var groupStart = position;
            var digits = text[position..].IndexOfAnyExceptInRange('0', '9');
            position = digits < 0 ? text.Length : position + digits;

            (groupBefore, previousGroup, group) = (previousGroup, group, new Range(groupStart, position));
            (beforeGroupBefore, beforePreviousGroup, beforeGroup) = (beforePreviousGroup, beforeGroup, separator);
            number.AddGroup(text[group]);
            recentDigits.AddGroup(text[group]);

            // Every span of whole groups ending here with 13 to 19 digits is tried. A span never starts or ends
            // inside a group: a long reference holds some 13 consecutive digits that pass Luhn one time in ten.
            if (number.Digits >= MinCardDigits && !number.IsTimeOfDay && recentDigits.EndWithLuhnValidSpan(MinCardDigits))
            {
                found |= Findings.CardNumber;
                return;
            }

            var next = NextGroupStart(position);
            var after = next < 0 ? default : new Range(position, next);
            if (number.Groups > 3 || (number.Groups == 3 && next >= 0))
            {
                if (IsSocialSecurityNumberWithin(beforeGroupBefore, groupBefore, beforePreviousGroup, previousGroup, beforeGroup, group, after))
                {
                    found |= Findings.SocialSecurityNumber;
                }
            }

            if (next < 0)
            {
                break;
            }

            number.AddSeparator(text[after]);
            separator = after;
            position = next;
        }

        number.End = position;
        if (number.Groups == 3 && IsIssuableSocialSecurityNumber(groupBefore, previousGroup, group))
        {
            found |= Findings.SocialSecurityNumber;
        }

        CheckAgainstCue(number);

        // "order 5512 is the code": a number right after its label is the label's, whatever follows.
        numberBeforeCue = cue is Cue.Reference or Cue.Position && wordsSinceCue == 0 ? null : number;
        wordsSinceNumber = 0;
        CountWordSinceCue();
    }

    // Where the next digit group of the same number starts, or -1. Any short run of characters that are neither
    // letters nor digits separates groups, except punctuation followed by a space: that is how lists and
    // sentences are written ("9.99, 9.99", "$123.45. 5512"), and joining them would make secrets out of them.
    private readonly int NextGroupStart(int from)
    {
        var i = from;
        while (i < text.Length && i - from <= MaxSeparatorLength && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        if (i == from || i - from > MaxSeparatorLength || i == text.Length || !char.IsAsciiDigit(text[i]))
        {
            return -1;
        }

        return EndsClause(text[from..i]) ? -1 : i;
    }

    // Punctuation then a space ends a clause or a sentence: "9.99, 9.99", "$123.45. 5512 was".
    private static bool EndsClause(ReadOnlySpan<char> separator) => EndsWith(separator, ",;.!?:");

    private static bool EndsSentence(ReadOnlySpan<char> separator) => EndsWith(separator, ".!?");

    private static bool EndsWith(ReadOnlySpan<char> separator, string punctuation)
    {
        for (var i = 0; i + 1 < separator.Length; i++)
        {
            if (punctuation.Contains(separator[i]) && char.IsWhiteSpace(separator[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    // A number of three groups of 3, 2 and 4 digits, however separated; not three groups of a longer number,
    // which is a phone number ("044 55 1234 5678") more often than an SSN. Area 000, 666 and 900-999, group 00
    // and serial 0000 are never issued, so without a label such groups are some other number.
    private readonly bool IsIssuableSocialSecurityNumber(Range area, Range group, Range serial)
    {
        if (Length(area) != 3 || Length(group) != 2 || Length(serial) != 4)
        {
            return false;
        }

        var areaDigits = text[area];
        return areaDigits is not ("000" or "666") && areaDigits[0] != '9'
            && text[group] is not "00" && text[serial] is not "0000";
    }

    // Three groups of a longer number, set apart from it: "2026-01-01 123-45-6789" is a date then an SSN, "044 55 1234
    // 5678" a phone number. The SSN's two separators are the same, and the number's separators on either side of it
    // differ from them.
    private readonly bool IsSocialSecurityNumberWithin(
        Range before, Range area, Range first, Range group, Range second, Range serial, Range after)
    {
        var inner = text[first];
        return Length(area) == 3 && inner.SequenceEqual(text[second])
            && (Length(before) == 0 || !text[before].SequenceEqual(inner))
            && (Length(after) == 0 || !text[after].SequenceEqual(inner))
            && IsIssuableSocialSecurityNumber(area, group, serial);
    }

    private static int Length(Range range) => range.End.Value - range.Start.Value;

    private void CheckAgainstCue(NumberShape number)
    {
        if (cue is Cue.None or Cue.Reference or Cue.Position or Cue.Security or Cue.OneTime
            || (cueInEarlierSentence && !IsWholeSentence(number))
            || number.Start - cueEnd > MaxCharsFromCue
            || IsAmountOrCount(number))
        {
            return;
        }

        found |= cue switch
        {
            Cue.SecurityCode when number.CouldBeSecurityCode => Findings.CardSecurityCode,
            Cue.SecurityCodeOrPasscode when number.CouldBeSecurityCode => Findings.CardSecurityCode,
            Cue.SecurityCodeOrPasscode or Cue.Passcode when number.CouldBePasscode => Findings.OneTimePasscode,
            Cue.Code when number.CouldBeCodeNamedPlainly => Findings.OneTimePasscode,
            Cue.SocialSecurityNumber when number.CouldBeSocialSecurityNumber => Findings.SocialSecurityNumber,
            _ => Findings.None,
        };
    }

    // "$4999", "€ 120", "45%", "1500 USD", "the 1200 charge": an amount or a count, whatever keyword came before.
    private readonly bool IsAmountOrCount(NumberShape number)
    {
        var before = number.Start - 1;
        if (before >= 0 && text[before] == ' ')
        {
            before--;
        }

        if (before >= 0 && char.GetUnicodeCategory(text[before]) == UnicodeCategory.CurrencySymbol)
        {
            return true;
        }

        var after = number.End;
        if (after < text.Length && text[after] == ' ')
        {
            after++;
        }

        if (after < text.Length && text[after] == '%')
        {
            return true;
        }

        var wordEnd = after;
        while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        return wordEnd > after
            && ScreeningVocabulary.Classify(text[after..wordEnd]) is WordRole.Currency or WordRole.CountedThing;
    }
}

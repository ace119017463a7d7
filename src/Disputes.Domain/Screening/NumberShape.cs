namespace Disputes.Domain.Screening;

/// <summary>
/// How a number is written: its digit groups and what separates them, enough to tell a code from a date, a time
/// or an amount without keeping the digits.
/// </summary>
internal struct NumberShape
{
    public int Start;
    public int End;
    public int Digits;
    public int Groups;
    public int FirstLength;
    public int SecondLength;
    public int LastLength;
    public int LongestGroup;
    public int FirstValue;
    public int SecondValue;
    public int LastValue;
    private bool hasTimeSeparator;
    private bool hasOtherThanDateSeparators;
    private bool lastSeparatorIsDecimalMark;
    private bool hasMiddleGroupOtherThanThousands;
    private bool afterColon;
    private bool hasClockColon;
    private bool hasOtherColon;
    private bool hasFraction;

    public void AddGroup(ReadOnlySpan<char> digits)
    {
        hasMiddleGroupOtherThanThousands |= Groups >= 2 && LastLength != 3;
        if (afterColon)
        {
            // 20:13, 7:05: hours of one or two digits, then two digits of minutes or seconds.
            var clock = LastLength <= 2 && digits.Length == 2;
            hasClockColon |= clock;
            hasOtherColon |= !clock;
            afterColon = false;
        }

        Groups++;
        Digits += digits.Length;
        LastLength = digits.Length;
        LastValue = digits.Length <= 4 ? ValueOf(digits) : -1;
        LongestGroup = Math.Max(LongestGroup, digits.Length);
        if (Groups == 1)
        {
            FirstLength = digits.Length;
            FirstValue = digits.Length <= 4 ? ValueOf(digits) : -1;
        }
        else if (Groups == 2)
        {
            SecondLength = digits.Length;
            SecondValue = LastValue;
        }
    }

    public void AddSeparator(ReadOnlySpan<char> separator)
    {
        hasTimeSeparator |= separator.Contains(':');
        afterColon = separator is ":";
        if (hasClockColon)
        {
            // After the clock only more of it may follow (":04"), then one fraction of a second (".9721138"): a number
            // that goes on past a time ("20:13 4111 1111 1111 1111") is screened whole.
            hasOtherColon |= hasFraction || separator is not (":" or ".");
            hasFraction |= separator is ".";
        }
        hasOtherThanDateSeparators |= separator is not ("-" or "/" or ".");
        lastSeparatorIsDecimalMark = separator is "." or ",";
    }

    private static int ValueOf(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = value * 10 + (digit - '0');
        }

        return value;
    }

    /// <summary>
    /// A time of day (<c>20:13:04.9721138</c>, <c>2026-12-02 20:13:04</c>): every colon between a group of one or two
    /// digits and one of two. A timestamp with seven digits of fraction holds 13 digits, which pass Luhn one time in ten;
    /// a card number is never written with colons between its groups of four.
    /// </summary>
    public readonly bool IsTimeOfDay => hasClockColon && !hasOtherColon;

    /// <summary>3 or 4 digits, however grouped ("123", "1 2 3", "12-3").</summary>
    public readonly bool CouldBeSecurityCode => Digits is 3 or 4 && !IsDateTimeOrDecimal;

    /// <summary>4 to 8 digits, however grouped.</summary>
    public readonly bool CouldBePasscode => Digits is >= 4 and <= 8 && !IsDateTimeOrDecimal;

    /// <summary>4 to 8 digits, however grouped, that are not a year: "code" alone is a weaker cue than "passcode".</summary>
    public readonly bool CouldBeCodeNamedPlainly => CouldBePasscode && !IsYear;

    /// <summary>Nine digits, however grouped.</summary>
    public readonly bool CouldBeSocialSecurityNumber => Digits == 9;

    private readonly bool IsYear => Groups == 1 && FirstValue is >= 1900 and <= 2099;

    private readonly bool IsDateTimeOrDecimal => hasTimeSeparator || IsDate || IsDecimal;

    // 2025-02-10, 02/10/2025, 10.02.25, with a month and a day that exist.
    private readonly bool IsDate =>
        !hasOtherThanDateSeparators
        && Groups == 3
        && ((FirstLength == 4 && SecondLength <= 2 && LastLength <= 2 && IsMonthAndDay(SecondValue, LastValue))
            || (FirstLength <= 2 && SecondLength <= 2 && LastLength is 2 or 4
                && (IsMonthAndDay(FirstValue, SecondValue) || IsMonthAndDay(SecondValue, FirstValue))));

    private static bool IsMonthAndDay(int month, int day) => month is >= 1 and <= 12 && day is >= 1 and <= 31;

    // 127.43, 1,234.56: cents after a single decimal mark, thousands before it.
    private readonly bool IsDecimal =>
        Groups >= 2 && lastSeparatorIsDecimalMark && LastLength == 2 && !hasMiddleGroupOtherThanThousands;
}

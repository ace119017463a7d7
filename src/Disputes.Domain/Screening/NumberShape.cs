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
    private bool hasTimeSeparator;
    private bool hasOtherThanDateSeparators;
    private bool lastSeparatorIsDecimalMark;

    public void AddGroup(ReadOnlySpan<char> digits)
    {
        Groups++;
        Digits += digits.Length;
        LastLength = digits.Length;
        LongestGroup = Math.Max(LongestGroup, digits.Length);
        if (Groups == 1)
        {
            FirstLength = digits.Length;
            FirstValue = digits.Length <= 4 ? ValueOf(digits) : -1;
        }
        else if (Groups == 2)
        {
            SecondLength = digits.Length;
        }
    }

    public void AddSeparator(ReadOnlySpan<char> separator)
    {
        hasTimeSeparator |= separator.Contains(':');
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

    /// <summary>3 or 4 digits, together or one by one ("1 2 3").</summary>
    public readonly bool CouldBeSecurityCode =>
        Digits is 3 or 4 && (Groups == 1 || LongestGroup == 1) && !IsDateTimeOrDecimal;

    /// <summary>4 to 8 digits, together, one by one, or as two groups of 3 or 4 ("123 456").</summary>
    public readonly bool CouldBePasscode =>
        !IsDateTimeOrDecimal
        && ((Groups == 1 && Digits is >= 4 and <= 8)
            || (LongestGroup == 1 && Digits is >= 4 and <= 8)
            || (Groups == 2 && FirstLength is 3 or 4 && LastLength is 3 or 4));

    /// <summary>Nine digits, however grouped.</summary>
    public readonly bool CouldBeSocialSecurityNumber => Digits == 9;

    public readonly bool IsYear => Groups == 1 && FirstValue is >= 1900 and <= 2099;

    private readonly bool IsDateTimeOrDecimal => hasTimeSeparator || IsDate || IsDecimal;

    // 2025-02-10, 02/10/2025, 10.02.25.
    private readonly bool IsDate =>
        !hasOtherThanDateSeparators
        && Groups == 3
        && ((FirstLength == 4 && SecondLength <= 2 && LastLength <= 2)
            || (FirstLength <= 2 && SecondLength <= 2 && LastLength is 2 or 4));

    // 127.43, 1,234.56: cents after a single decimal mark.
    private readonly bool IsDecimal => Groups >= 2 && lastSeparatorIsDecimalMark && LastLength == 2;
}

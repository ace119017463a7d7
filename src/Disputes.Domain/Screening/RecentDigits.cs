using System.Runtime.CompilerServices;

namespace Disputes.Domain.Screening;

/// <summary>
/// The last 19 digits of the number being read, each marked when it starts a digit group: enough to try every
/// card-number span that ends at the newest digit without reading the text, separators and all, again.
/// </summary>
internal struct RecentDigits
{
    private const int Capacity = 19;
    private const byte StartsGroup = 0x10;
    private const byte DigitBits = 0x0F;

    private Ring ring;
    private int count;
    private int next;

    [InlineArray(Capacity)]
    private struct Ring
    {
        private byte digit;
    }

    public void Clear() => (count, next) = (0, 0);

    public void AddGroup(ReadOnlySpan<char> group)
    {
        // Only the last 19 digits of a longer group can take part in a span; its start then falls outside it.
        for (var i = Math.Max(0, group.Length - Capacity); i < group.Length; i++)
        {
            ring[next] = (byte)((group[i] - '0') | (i == 0 ? StartsGroup : 0));
            next = next == Capacity - 1 ? 0 : next + 1;
            count = Math.Min(count + 1, Capacity);
        }
    }

    /// <summary>
    /// Whether some span of whole groups ending at the newest digit, of <paramref name="minDigits"/> to 19 digits,
    /// passes the Luhn check, which reads right to left.
    /// </summary>
    public readonly bool EndWithLuhnValidSpan(int minDigits)
    {
        var sum = 0;
        var at = next;
        for (var length = 1; length <= count; length++)
        {
            at = at == 0 ? Capacity - 1 : at - 1;
            var entry = ring[at];
            var digit = entry & DigitBits;
            if (length % 2 == 0)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }

            sum += digit;
            if ((entry & StartsGroup) != 0 && length >= minDigits && sum % 10 == 0)
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text;
using CsCheck;
using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_for_card_numbers
{
    [Theory]
    [InlineData("my card is 4111111111111111")]
    [InlineData("my card is 4111 1111 1111 1111 thanks")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("amex 378282246310005.")]
    [InlineData("amex 3782 822463 10005")]
    [InlineData("mastercard 5555555555554444, expiry 12/27")]
    [InlineData("visa 13 digits 4222222222222")]
    [InlineData("19 digits 6011000990139424009 here")]
    [InlineData("(5105-1051-0510-5100)")]
    [InlineData("ref 12 4111 1111 1111 1111")]
    [InlineData("4111 1111 1111 1111 and 2")]
    [InlineData("4111  1111  1111  1111")]
    public void a_luhn_valid_number_of_13_to_19_digits_is_a_card_number(string text)
    {
        Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("order 4111111111111112 never arrived")]
    [InlineData("order 4111 1111 1111 1112 never arrived")]
    [InlineData("order number 123456789012 never arrived")]
    [InlineData("tracking 41111111111111110 was wrong")]
    [InlineData("reference 94111111111111111111 only")]
    public void a_luhn_failing_or_wrongly_sized_run_is_not_a_card_number(string text)
    {
        Assert.Null(SensitiveDataScreen.Find(text));
    }

    [Fact]
    public void any_luhn_valid_number_embedded_in_text_is_found() =>
        Gen.Select(Text, LuhnValidNumber, Boundary, Boundary, Text)
            .Sample((before, number, left, right, after) =>
                Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find(before + left + number + right + after)),
                iter: 5_000);

    [Fact]
    public void a_luhn_failing_contiguous_number_in_plain_words_is_not_found() =>
        Gen.Select(Words, LuhnFailingDigits, Words)
            .Sample((before, number, after) =>
                Assert.Null(SensitiveDataScreen.Find(before + " " + number + " " + after)),
                iter: 5_000);

    // Random text, digits included, that may also contain separators and punctuation.
    private static readonly Gen<string> Text =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCXYZ 0123456789-.,:;$#()/\n"].Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<string> Words =
        Gen.Char["abcdefghijklmnopqrstuvwxyz ,."].Array[0, 40].Select(chars => new string(chars));

    // Anything that stops a digit run from joining the number: a letter, punctuation, a doubled separator.
    private static readonly Gen<string> Boundary = Gen.OneOf("x", ": ", "(", ")", ".", ", ", "  ", "--", " - ", "\n", "#");

    private static readonly Gen<int[]> Digits13To19 = Gen.Int[0, 9].Array[12, 18];

    private static readonly Gen<string> LuhnValidNumber =
        Gen.Select(Digits13To19, Gen.Int[0, 4].Array[19], (payload, separators) =>
        {
            var digits = payload.Append(CheckDigit(payload)).ToArray();
            var text = new StringBuilder();
            for (var i = 0; i < digits.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(separators[i] switch { 3 => " ", 4 => "-", _ => "" });
                }

                text.Append((char)('0' + digits[i]));
            }

            return text.ToString();
        });

    private static readonly Gen<string> LuhnFailingDigits =
        Gen.Select(Digits13To19, Gen.Int[1, 9], (payload, wrongBy) =>
            string.Concat(payload.Select(d => (char)('0' + d))) + (char)('0' + (CheckDigit(payload) + wrongBy) % 10));

    private static int CheckDigit(int[] payload)
    {
        // Doubling starts with the rightmost payload digit, because the check digit will sit to its right.
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i];
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return (10 - sum % 10) % 10;
    }

    [Theory]
    [InlineData("2026-12-02T20:13:04.9721138Z")]
    [InlineData("2026-12-02 20:13:04.9721138")]
    [InlineData("mailed at 20:13:04.9721138 on the 2nd")]
    public void a_timestamp_whose_digits_pass_luhn_is_not_a_card_number(string text)
    {
        // 2013049721138, the 13 digits of the time, pass the Luhn check.
        Assert.Null(SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("20:13 4111 1111 1111 1111")]
    [InlineData("4111:1111:1111:1111")]
    [InlineData("20:13:04.97 4111 1111 1111 1111")]
    public void a_card_number_next_to_a_time_or_written_with_colons_is_still_found(string text) =>
        Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find(text));

    [Theory]
    [InlineData("5eff4b1e-a556-50af-4111-111111111111")]
    [InlineData("41111111-1111-1111-9ffc-5abb266b5271")]
    [InlineData("{5EFF4B1E-A556-50AF-4111-111111111111}")]
    [InlineData("proposal 5eff4b1e-a556-50af-4111-111111111111 was approved")]
    [InlineData("trace 5eff4b1ea55650af4111111111111111")]
    public void a_guid_or_trace_id_whose_digit_groups_pass_luhn_is_not_a_card_number(string text)
    {
        // 4111 111111111111 and 41111111 1111 1111, whole groups of digits, pass the Luhn check.
        Assert.Null(SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("dispute 5eff4b1e-a556-50af-9ffc-5abb266b5271 card 4111 1111 1111 1111")]
    [InlineData("5eff4b1e-a556-50af-9ffc-5abb266b5271-4111-1111-1111-1111")]
    [InlineData("5eff4b1e-a556-50af-4111-111111111111 4111 1111 1111 1111")]
    [InlineData("x5eff4b1e-a556-50af-4111-111111111111")]
    [InlineData("a556-50af-4111-111111111111")]
    [InlineData("4111111111111111abcdef012345678")]
    public void a_card_number_beside_a_guid_or_in_something_shaped_almost_like_one_is_still_found(string text) =>
        Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find(text));
}

using System.Text;
using CsCheck;
using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_unicode_and_odd_separators
{
    // The zero of ASCII, full-width, Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali and Thai digits.
    private static readonly char[] Zeros = ['0', '\uFF10', '\u0660', '\u06F0', '\u0966', '\u09E6', '\u0E50'];

    private static readonly string[] Separators =
        [" ", "-", ".", "_", "/", "\u00A0", "\u2007", "\u202F", "\u200B", "\t", "\n", "\r\n", "   ", " - ", "\u00B7"];

    private static readonly Gen<string> Separator =
        Gen.Frequency((3, Gen.Const("")), (2, Gen.OneOf(Separators)));

    [Fact]
    public void a_card_number_in_any_digits_with_any_separators_is_found() =>
        Gen.Select(Gen.OneOf(TestCards), Gen.Int[0, Zeros.Length - 1].Array[19], Separator.Array[19])
            .Sample((card, scripts, separators) =>
                Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find("card " + Written(card, scripts, separators) + " thanks")),
                iter: 3_000);

    [Fact]
    public void a_spaced_out_code_in_any_digits_after_its_keyword_is_found() =>
        Gen.Select(Gen.OneOf(SpacedCodes), Gen.Int[0, Zeros.Length - 1].Array[9], Gen.OneOf(" ", "\u00A0", "-", ".", "\u2007"))
            .Sample((example, scripts, separator) =>
            {
                var code = Written(example.Code, scripts, Enumerable.Repeat(separator, 9).ToArray());
                Assert.Equal(example.Kind, SensitiveDataScreen.Find(example.Keyword + code));
            }, iter: 2_000);

    [Fact]
    public void any_utf16_text_is_screened_without_failing() =>
        Gen.Char.Array[0, 300].Select(chars => new string(chars))
            .Sample(text => SensitiveDataScreen.Find(text), iter: 5_000);

    [Fact]
    public void what_is_found_does_not_depend_on_the_case_or_full_width_form_of_the_text() =>
        Gen.OneOf(ScreeningCorpus.Secrets.Select(secret => Gen.Const(secret)).ToArray())
            .Sample(secret =>
            {
                Assert.Equal(secret.Kind, SensitiveDataScreen.Find(secret.Text.ToUpperInvariant()));
                Assert.Equal(secret.Kind, SensitiveDataScreen.Find(FullWidth(secret.Text)));
            }, iter: 500);

    // Full-width forms exist for every printable ASCII character but the space.
    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is > ' ' and <= '~' ? (char)(c - '!' + '\uFF01') : c));

    [Theory]
    [InlineData("4111\uD8001111 1111 1111")]
    [InlineData("\uDC00 CVV 123")]
    public void text_with_lone_surrogates_is_still_screened(string text) =>
        Assert.NotNull(SensitiveDataScreen.Find(text));

    [Theory]
    [InlineData("co\u0301digo de seguridad 123", SensitiveDataKind.CardSecurityCode)]
    [InlineData("CO\u0301DIGO DE VERIFICACIO\u0301N 482913", SensitiveDataKind.OneTimePasscode)]
    [InlineData("contrasen\u0303a: 4829", SensitiveDataKind.OneTimePasscode)]
    [InlineData("\uFF33\uFF33\uFF2E 123456789", SensitiveDataKind.SocialSecurityNumber)]
    [InlineData("o\u200Btp 483920", SensitiveDataKind.OneTimePasscode)]
    public void decomposed_full_width_and_interrupted_keywords_are_read_as_typed(string text, SensitiveDataKind kind) =>
        Assert.Equal(kind, SensitiveDataScreen.Find(text));

    private static readonly string[] TestCards =
        ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "4222222222222", "6011000990139424009"];

    private static readonly (string Keyword, string Code, SensitiveDataKind Kind)[] SpacedCodes =
    [
        ("CVV ", "123", SensitiveDataKind.CardSecurityCode),
        ("mi cvv es ", "4567", SensitiveDataKind.CardSecurityCode),
        ("the passcode is ", "483920", SensitiveDataKind.OneTimePasscode),
        ("el código que me enviaron es ", "90817263", SensitiveDataKind.OneTimePasscode),
        ("my social is ", "123456789", SensitiveDataKind.SocialSecurityNumber),
    ];

    private static string Written(string digits, int[] scripts, string[] separators)
    {
        var text = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0)
            {
                text.Append(separators[i]);
            }

            text.Append((char)(Zeros[scripts[i]] + (digits[i] - '0')));
        }

        return text.ToString();
    }
}

using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_for_card_security_codes
{
    [Theory]
    [InlineData("CVV: 123")]
    [InlineData("my cvv is 1234")]
    [InlineData("CVV2 = 987")]
    [InlineData("cvc 456 on the back")]
    [InlineData("CVC2:0123")]
    [InlineData("CID 1234")]
    [InlineData("the security code is 456")]
    [InlineData("Security Code: 0123")]
    [InlineData("CVV123")]
    [InlineData("código de seguridad: 123")]
    [InlineData("CÓDIGO DE SEGURIDAD es 321")]
    [InlineData("codigo de seguridad 777")]
    public void a_keyword_followed_by_3_or_4_digits_is_a_security_code(string text)
    {
        Assert.Equal(SensitiveDataKind.CardSecurityCode, SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("they never asked for my CVV")]
    [InlineData("CVV 12")]
    [InlineData("CVV 12345")]
    [InlineData("the security code check failed on 2025-02-10")]
    [InlineData("cvv charge of $127.43")]
    [InlineData("acid 123")]
    [InlineData("the security code was not requested for order 1234")]
    public void a_mention_without_a_code_is_let_through(string text)
    {
        Assert.Null(SensitiveDataScreen.Find(text));
    }
}

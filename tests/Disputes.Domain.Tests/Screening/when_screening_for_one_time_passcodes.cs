using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_for_one_time_passcodes
{
    [Theory]
    [InlineData("OTP: 123456")]
    [InlineData("my one-time passcode is 8421")]
    [InlineData("one time passcode 12345678")]
    [InlineData("the one-time code was 9081")]
    [InlineData("passcode 9876")]
    [InlineData("the verification code is 654321")]
    [InlineData("Verification Code: 123 456")]
    [InlineData("mi código de verificación es 482913")]
    [InlineData("CODIGO DE VERIFICACION: 4829")]
    [InlineData("otp=55555")]
    public void a_keyword_followed_by_4_to_8_digits_is_a_passcode(string text)
    {
        Assert.Equal(SensitiveDataKind.OneTimePasscode, SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("I never received an OTP for the $1500 charge")]
    [InlineData("OTP 123")]
    [InlineData("passcode 123456789")]
    [InlineData("the verification code arrived on 2025-02-10")]
    [InlineData("verification code at 10:30")]
    [InlineData("no verification code was sent; the charge was $4999")]
    [InlineData("my passcodes 1234")]
    public void a_mention_without_a_code_is_let_through(string text)
    {
        Assert.Null(SensitiveDataScreen.Find(text));
    }
}

public class when_screening_for_codes_named_plainly
{
    [Theory]
    [InlineData("the code is 483920")]
    [InlineData("el código que me enviaron es 123456")]
    [InlineData("the code they sent is 123 456")]
    [InlineData("code: 4 8 2 9")]
    [InlineData("code 12 34")]
    [InlineData("I entered my zip. Code 4829 came after.")]
    [InlineData("the last code I got was 4829")]
    public void a_code_shown_as_one_within_a_few_words_is_a_passcode(string text)
    {
        Assert.Equal(SensitiveDataKind.OneTimePasscode, SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("my zip code is 10001")]
    [InlineData("postal code 94105")]
    [InlineData("the promo code 5050 did not work")]
    [InlineData("discount code 2025 was not applied")]
    [InlineData("el código postal es 06600")]
    [InlineData("el código de descuento 5050 no funcionó")]
    [InlineData("the code for order 5512 was wrong")]
    [InlineData("the code came with reference number 12345678")]
    [InlineData("the code for my card ending 1005 never came")]
    [InlineData("code sent to the phone, last four 1005")]
    [InlineData("el código llegó el 10 de febrero de 2025")]
    [InlineData("the code expired in 2025")]
    [InlineData("the code saved me $127.43")]
    [InlineData("the code was worth 127.43 USD")]
    [InlineData("the code came at 10:30")]
    [InlineData("the code came on 02/10/2025")]
    [InlineData("code 123")]
    [InlineData("code 123456789")]
    [InlineData("the code was sent, but then after waiting for a very long time on hold I paid 4829")]
    [InlineData("reason code 4837")]
    [InlineData("authorization code 123456")]
    [InlineData("confirmation code 483920")]
    [InlineData("They never asked for my passcode. The ATM gave me 2000 instead.")]
    public void a_number_that_is_something_else_or_too_far_is_let_through(string text)
    {
        Assert.Null(SensitiveDataScreen.Find(text));
    }
}

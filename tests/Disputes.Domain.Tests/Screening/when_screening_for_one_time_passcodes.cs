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

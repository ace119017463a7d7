using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_for_social_security_numbers
{
    [Theory]
    [InlineData("123-45-6789")]
    [InlineData("my number is 123 45 6789.")]
    [InlineData("SSN 123456789")]
    [InlineData("ssn: 078-05-1120")]
    [InlineData("my social security number is 123456789")]
    [InlineData("Social Security # 123 45 6789")]
    [InlineData("número de seguro social: 123456789")]
    [InlineData("SSN 000-12-3456")]
    [InlineData("123-45 6789")]
    [InlineData("-9998-01-01 361-71-2308 thanks")]
    [InlineData("on 2025-03-14 123-45-6789")]
    [InlineData("123-45-6789 4455")]
    [InlineData("ref 77 123.45.6789 88")]
    public void a_formatted_or_labelled_number_is_a_social_security_number(string text)
    {
        Assert.Equal(SensitiveDataKind.SocialSecurityNumber, SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("900-12-3456")]
    [InlineData("123-00-6789")]
    [InlineData("123-45-0000")]
    [InlineData("123456789")]
    [InlineData("1123-45-6789")]
    [InlineData("123-45-67890")]
    [InlineData("they asked for my SSN and I refused")]
    [InlineData("SSN 12345678")]
    [InlineData("call 044 55 1234 5678")]
    [InlineData("044-123-45-6789")]
    [InlineData("2025-03-15 900-12-3456")]
    public void a_never_issued_unlabelled_or_malformed_number_is_let_through(string text)
    {
        Assert.Null(SensitiveDataScreen.Find(text));
    }
}

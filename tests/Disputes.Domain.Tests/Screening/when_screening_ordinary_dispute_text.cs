using System.Diagnostics;
using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_ordinary_dispute_text
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("I was charged $127.43 twice on 2025-02-10 at Acme Store.")]
    [InlineData("My card ending 1005 shows a charge I did not make.")]
    [InlineData("Statement dated 2025-01-15, payment due 2025-02-10, amount 1,234.56, fee $39.00.")]
    [InlineData("The merchant refunded 45.00 on 02/14/2025 but it never appeared; order #123456789012.")]
    [InlineData("Call me at 555-123-4567 or (212) 555-0199 after 5 pm.")]
    [InlineData("The package (tracking 1Z999AA10123456784) was never delivered.")]
    [InlineData("Cargo duplicado de $1,500.00 el 2025-03-01 en la tarjeta terminada en 4242.")]
    [InlineData("I cancelled the subscription on March 3, 2025 and was billed 3 times: 9.99, 9.99, 9.99.")]
    public void nothing_is_flagged(string? text)
    {
        Assert.Null(SensitiveDataScreen.Find(text));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1 ")]
    [InlineData("1-")]
    [InlineData("cvv ")]
    [InlineData("security ")]
    [InlineData("otp -")]
    [InlineData("SSN 1")]
    [InlineData("a1")]
    [InlineData("123-45-")]
    public void a_100_kilobyte_text_built_to_provoke_backtracking_is_screened_quickly(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 100_000 / unit.Length));
        SensitiveDataScreen.Find(text);

        var clock = Stopwatch.StartNew();
        SensitiveDataScreen.Find(text);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Screening took {clock.Elapsed}.");
    }
}

using Disputes.Domain.Screening;
using Xunit;

namespace Disputes.Domain.Tests.Screening;

public class when_screening_joined_fields
{
    [Fact]
    public void a_card_number_split_across_two_fields_is_found() =>
        Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find(["4111 1111", "1111 1111"]));

    [Fact]
    public void a_keyword_in_one_field_and_its_code_in_the_next_is_found() =>
        Assert.Equal(SensitiveDataKind.OneTimePasscode, SensitiveDataScreen.Find(["the passcode is", "483920"]));

    [Fact]
    public void a_secret_in_one_field_is_found_even_when_joining_would_hide_it() =>
        Assert.Equal(SensitiveDataKind.CardSecurityCode, SensitiveDataScreen.Find(["CVV 123", "4 items"]));

    [Fact]
    public void the_first_kind_in_declared_order_is_reported_whichever_field_holds_it() =>
        Assert.Equal(SensitiveDataKind.CardNumber, SensitiveDataScreen.Find(["OTP 483920", null, "4111111111111111"]));

    [Fact]
    public void null_and_empty_fields_hold_nothing_and_do_not_join_numbers()
    {
        Assert.Null(SensitiveDataScreen.Find(Array.Empty<string?>()));
        Assert.Null(SensitiveDataScreen.Find([null, "", "order 5512", null]));
    }

    [Fact]
    public void ordinary_fields_stay_clean_when_joined() =>
        Assert.Null(SensitiveDataScreen.Find(["XYZ Store", "I was charged $127.43 on 2025-02-10", "card ending 1005"]));
}

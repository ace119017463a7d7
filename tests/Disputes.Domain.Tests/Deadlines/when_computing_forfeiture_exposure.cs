using CsCheck;
using Disputes.Domain.Deadlines;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

public class when_computing_forfeiture_exposure
{
    [Fact]
    public void a_dispute_above_50_dollars_forfeits_50() => Assert.Equal(50m, Forfeiture.Exposure(200m, 5m));

    [Fact]
    public void a_dispute_below_50_dollars_forfeits_the_amount_and_its_charges() => Assert.Equal(32m, Forfeiture.Exposure(30m, 2m));

    [Fact]
    public void without_recorded_finance_charges_the_amount_alone_counts() => Assert.Equal(12.34m, Forfeiture.Exposure(12.34m, 0m));

    [Fact]
    public void exactly_50_dollars_forfeits_50() => Assert.Equal(50m, Forfeiture.Exposure(45m, 5m));

    [Fact]
    public void a_negative_amount_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Forfeiture.Exposure(-1m, 0m));
        Assert.Equal("disputedAmount", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Forfeiture.Exposure(1m, -0.01m));
    }

    [Fact]
    public void the_exposure_is_the_sum_capped_at_50() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 10_000]).Sample((amountCents, chargesCents) =>
        {
            decimal amount = amountCents / 100m, charges = chargesCents / 100m;
            var exposure = Forfeiture.Exposure(amount, charges);
            Assert.True(exposure <= Forfeiture.Cap);
            Assert.Equal(amount + charges <= 50m ? amount + charges : 50m, exposure);
        }, iter: 1000);
}

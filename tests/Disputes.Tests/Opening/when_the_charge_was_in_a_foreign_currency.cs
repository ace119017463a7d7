using System.Net;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Opening;

/// <summary>The disputed amount is in the billing currency, USD; a foreign charge's own amount is kept as information.</summary>
public sealed class when_the_charge_was_in_a_foreign_currency(ServiceFixture fixture) : ServiceTest(fixture)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.RegisterAccountAsync();
    }

    [Fact]
    public async Task a_disputed_amount_in_another_currency_is_refused_saying_how_to_give_it()
    {
        var intake = TestApi.Intake();
        intake["currency"] = "EUR";

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var message = problem["errors"]!["currency"]![0].Str();
        Assert.Contains("USD", message);
        Assert.Contains("originalAmount", message);
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Theory]
    [InlineData(99.9, "euro", "originalCurrency")]
    [InlineData(-5, "EUR", "originalAmount")]
    [InlineData(12.345, "EUR", "originalAmount")]
    public async Task a_malformed_original_amount_is_refused_naming_it(double amount, string currency, string field)
    {
        var intake = TestApi.Intake();
        intake["originalAmount"] = (decimal)amount;
        intake["originalCurrency"] = currency;

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task the_merchants_amount_and_currency_are_kept_beside_the_dollar_amount()
    {
        var intake = TestApi.Intake();
        intake["amount"] = 108.40m;
        intake["originalAmount"] = 99.90m;
        intake["originalCurrency"] = "EUR";

        var dispute = await Client.OpenDisputeAsync(intake);

        Assert.Equal(108.40m, (decimal)dispute["amount"]!);
        Assert.Equal("USD", dispute["currency"].Str());
        Assert.Equal(99.90m, (decimal)dispute["originalAmount"]!);
        Assert.Equal("EUR", dispute["originalCurrency"].Str());
        var read = await Client.GetDisputeAsync(dispute);
        Assert.Equal("EUR", read["originalCurrency"].Str());
    }

    [Fact]
    public async Task forfeiture_stays_in_dollars_whatever_the_merchant_charged()
    {
        var intake = TestApi.Intake();
        intake["amount"] = 30m;
        intake["originalAmount"] = 4500m;
        intake["originalCurrency"] = "JPY";
        var dispute = await Client.OpenDisputeAsync(intake);
        Clock.SetNow("2025-04-03T04:00:05Z");

        dispute = await Client.StepAsync(dispute, "notes", new() { ["text"] = "late" });

        Assert.Equal(30m, (decimal)dispute["forfeitureExposure"]!);
    }
}

using System.Text.Json.Nodes;
using Disputes.Api.BusinessDays;
using Disputes.Domain.BusinessDays;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using NodaTime;
using Xunit;

namespace Disputes.Tests.Holds;

/// <summary>
/// Rule book section 4: the program can replace the business-day list (<c>Disputes:BusinessDays</c>). A closing it adds
/// to the Federal Reserve's holidays moves the hold's autopay cut-off; settings that describe no calendar stop the
/// service at start, naming the key and the value.
/// </summary>
public sealed class when_the_program_sets_its_business_days(when_the_program_sets_its_business_days.ClosedOnTuesdayFixture fixture)
    : IClassFixture<when_the_program_sets_its_business_days.ClosedOnTuesdayFixture>, IAsyncLifetime
{
    private DisputesHost Service => fixture.Host;

    public async ValueTask InitializeAsync()
    {
        await Service.ResetAsync();
        Service.Clock.SetNow("2025-03-03T15:00:00Z");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task a_closing_the_program_adds_moves_the_holds_autopay_cut_off()
    {
        // Received Monday 03-03 for a payment on Thursday 03-06. The Fed's calendar counts Wed 05, Tue 04, Mon 03: in time
        // (the default host's answer in when_a_pending_dispute_holds_the_disputed_amount). With Tuesday 03-04 closed the
        // third business day before is Friday 02-28, so this notice misses the payment and only later ones leave it out.
        var account = new JsonObject
        {
            ["timeZone"] = "America/New_York",
            ["billingCycle"] = new JsonObject { ["closingDay"] = 15 },
            ["nextAutopayOn"] = "2025-03-06",
        };
        Assert.True((await Service.Client.PutJsonAsync("/api/accounts/acct-1001", account)).IsSuccessStatusCode);

        var autopay = (await Service.Client.OpenDisputeAsync())["hold"]!["autopay"]!;

        Assert.Equal(("from_later_payments", "2025-02-28"), (autopay["exclusion"].Str(), autopay["cutoffOn"].Str()));
    }

    [Theory]
    [InlineData("2025-02-30", "Disputes:BusinessDays:Holidays:0", "is '2025-02-30', which is not a date")]
    [InlineData("09/01/2025", "Disputes:BusinessDays:Holidays:0", "write it yyyy-MM-dd")]
    [InlineData("2025-01-11", "Disputes:BusinessDays:Holidays:0", "a Saturday")]
    [InlineData("2100-01-04", "Disputes:BusinessDays:Holidays:0", "outside the years the list is complete for (2000-2099)")]
    public async Task a_bad_closing_stops_the_service_from_starting(string value, string key, string why)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DisputesHost.StartAsync(
            "Host=127.0.0.1;Database=never_opened", settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains($"{key} is", refused.Message);
        Assert.Contains(why, refused.Message);
    }

    [Fact]
    public async Task a_list_given_as_one_value_stops_the_service_rather_than_being_ignored()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DisputesHost.StartAsync(
            "Host=127.0.0.1;Database=never_opened", settings: new Dictionary<string, string?> { ["Disputes:BusinessDays:Holidays"] = "2025-01-09" }));

        Assert.Contains("Disputes:BusinessDays:Holidays:0", refused.Message);
    }

    [Fact]
    public void by_default_the_calendar_is_the_federal_reserves()
    {
        var (calendar, errors) = new BusinessDayOptions().Read();

        Assert.Empty(errors);
        Assert.Same(BusinessDayCalendar.FederalReserve, calendar);
    }

    [Fact]
    public void closings_are_added_and_worked_holidays_taken_out()
    {
        var (calendar, errors) = new BusinessDayOptions { Holidays = ["2025-01-09"], OpenOn = ["2025-10-13", "2025-11-11"] }.Read();

        Assert.Empty(errors);
        Assert.False(calendar!.IsBusinessDay(new LocalDate(2025, 1, 9)));
        Assert.True(calendar.IsBusinessDay(new LocalDate(2025, 10, 13)));
        Assert.True(calendar.IsBusinessDay(new LocalDate(2025, 11, 11)));
        Assert.False(calendar.IsBusinessDay(new LocalDate(2025, 12, 25)), "every other Fed holiday stays");
        Assert.Equal(BusinessDayCalendar.FederalReserve.Holidays.Count - 1, calendar.Holidays.Count);
    }

    [Fact]
    public void without_a_basis_the_list_is_the_programs_own_for_the_years_it_names()
    {
        var (calendar, errors) = new BusinessDayOptions { Basis = "None", Holidays = ["2025-12-24", "2025-12-25"], FirstYear = 2025, LastYear = 2025 }.Read();

        Assert.Empty(errors);
        Assert.Equal([new LocalDate(2025, 12, 24), new LocalDate(2025, 12, 25)], calendar!.Holidays.Order());
        Assert.True(calendar.IsBusinessDay(new LocalDate(2025, 7, 4)), "the Fed's holidays are not in this list");
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.IsBusinessDay(new LocalDate(2026, 1, 2)));
    }

    [Theory]
    [InlineData("Basis=Fed", "Disputes:BusinessDays:Basis is 'Fed'")]
    [InlineData("Basis=None", "FirstYear and Disputes:BusinessDays:LastYear are required")]
    [InlineData("OpenOn=2025-10-14", "Disputes:BusinessDays:OpenOn:0 is 2025-10-14, which is no holiday")]
    [InlineData("OpenOn=2025-10-13;Holidays=2025-10-13", "lists as closed too")]
    [InlineData("FirstYear=2026;LastYear=2025", "LastYear (2025) is before")]
    [InlineData("FirstYear=1999", "computed for 2000-2099 only")]
    public void settings_that_describe_no_calendar_are_refused_naming_the_key(string settings, string why)
    {
        var options = new BusinessDayOptions();
        foreach (var (key, value) in settings.Split(';').Select(s => s.Split('=')).Select(kv => (kv[0], kv[1])))
        {
            switch (key)
            {
                case "Basis":
                    options.Basis = value;
                    break;
                case "OpenOn":
                    options.OpenOn = [value];
                    break;
                case "Holidays":
                    options.Holidays = [value];
                    break;
                case "FirstYear":
                    options.FirstYear = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "LastYear":
                    options.LastYear = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        var (calendar, errors) = options.Read();

        Assert.Null(calendar);
        Assert.Contains(errors, e => e.Contains(why, StringComparison.Ordinal));
    }

    /// <summary>A host whose program closes on Tuesday 2025-03-04 besides the Fed's holidays.</summary>
    public sealed class ClosedOnTuesdayFixture : IAsyncLifetime
    {
        private DisputesHost? host;

        public DisputesHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

        public async ValueTask InitializeAsync()
        {
            var server = await PostgresServer.SharedAsync();
            var connectionString = await server.CreateDatabaseAsync($"disputes_{Guid.NewGuid():N}");
            host = await DisputesHost.StartAsync(connectionString, settings: new Dictionary<string, string?>
            {
                ["Disputes:BusinessDays:Holidays:0"] = "2025-03-04",
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Accounts;

public sealed class when_registering_an_account(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Fact]
    public async Task a_new_account_answers_201_and_can_be_read_back()
    {
        var response = await Client.PutJsonAsync("/api/accounts/acct-9",
            JsonNode.Parse("""{ "timeZone": "America/Chicago", "billingCycle": { "closingDates": ["2025-03-15", "2025-04-14"] } }""")!);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = await (await Client.GetAsync("/api/accounts/acct-9")).BodyAsync();
        Assert.Equal("America/Chicago", account["timeZone"].Str());
        Assert.Equal(["2025-03-15", "2025-04-14"], account["billingCycle"]!["closingDates"]!.AsArray().Select(d => d.Str()));
        Assert.Equal(25, (int)account["paymentPeriodDays"]!);
    }

    [Fact]
    public async Task the_payment_period_is_recorded_and_kept_by_an_update_that_does_not_name_it()
    {
        await Client.PutJsonAsync("/api/accounts/acct-pp",
            JsonNode.Parse("""{ "timeZone": "America/Chicago", "billingCycle": { "closingDay": 15 }, "paymentPeriodDays": 21 }""")!);

        var updated = await (await Client.PutJsonAsync("/api/accounts/acct-pp",
            JsonNode.Parse("""{ "timeZone": "America/Chicago", "billingCycle": { "closingDay": 20 } }""")!)).BodyAsync();

        Assert.Equal(21, (int)updated["paymentPeriodDays"]!);
        var changed = await (await Client.PutJsonAsync("/api/accounts/acct-pp",
            JsonNode.Parse("""{ "timeZone": "America/Chicago", "billingCycle": { "closingDay": 20 }, "paymentPeriodDays": 30 }""")!)).BodyAsync();
        Assert.Equal(30, (int)changed["paymentPeriodDays"]!);
    }

    [Fact]
    public async Task registering_the_same_account_again_unchanged_changes_nothing()
    {
        await Client.RegisterAccountAsync("acct-9");

        var again = await Client.PutJsonAsync("/api/accounts/acct-9",
            JsonNode.Parse("""{ "timeZone": "America/New_York", "billingCycle": { "closingDay": 15 } }""")!);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (long)(await again.BodyAsync())["version"]!);
    }

    [Fact]
    public async Task a_list_with_a_cycle_longer_than_92_days_is_refused_naming_the_dates()
    {
        var body = JsonNode.Parse("""{ "timeZone": "America/New_York", "billingCycle": { "closingDates": ["2025-01-15", "2025-04-15", "2025-07-20"] } }""")!;

        var response = await Client.PutJsonAsync("/api/accounts/acct-gap", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var message = problem["errors"]!["billingCycle.closingDates"]![0].Str();
        // 01-15 to 04-15 is 90 days and allowed; 04-15 to 07-20 is 96 days.
        Assert.Contains("2025-04-15 to 2025-07-20", message);
        Assert.DoesNotContain("2025-01-15", message);
        await (await Client.GetAsync("/api/accounts/acct-gap")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "timeZone": "Mars/Olympus", "billingCycle": { "closingDay": 15 } }""", "timeZone")]
    [InlineData("""{ "billingCycle": { "closingDay": 15 } }""", "timeZone")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDay": 0 } }""", "billingCycle.closingDay")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDay": 32 } }""", "billingCycle.closingDay")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDates": ["2025-04-14", "2025-03-15"] } }""", "billingCycle.closingDates")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDates": ["2025-03-15", "2025-03-15"] } }""", "billingCycle.closingDates")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDates": [] } }""", "billingCycle.closingDates")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDay": 15, "closingDates": ["2025-03-15"] } }""", "billingCycle")]
    [InlineData("""{ "timeZone": "America/New_York" }""", "billingCycle")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDay": 15 }, "paymentPeriodDays": 0 }""", "paymentPeriodDays")]
    [InlineData("""{ "timeZone": "America/New_York", "billingCycle": { "closingDay": 15 }, "paymentPeriodDays": 91 }""", "paymentPeriodDays")]
    public async Task a_bad_calendar_or_zone_answers_400_and_registers_nothing(string body, string field)
    {
        var response = await Client.PutJsonAsync("/api/accounts/acct-bad", JsonNode.Parse(body)!);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        await (await Client.GetAsync("/api/accounts/acct-bad")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_closing_day_past_a_months_end_closes_on_its_last_day()
    {
        await Client.RegisterAccountAsync("acct-31", "America/New_York", closingDay: 31);
        Clock.SetNow("2025-02-20T12:00:00Z");
        var intake = TestApi.Intake("acct-31");
        intake["transactionDate"] = "2025-01-20";
        intake["statementTransmittedOn"] = "2025-01-31";
        intake["noticeReceivedAt"] = "2025-02-10T12:00:00Z";

        var dispute = await Client.OpenDisputeAsync(intake);

        // C0 = 2025-02-28 (February has no 31st), C2 = 2025-04-30; received + 90 = 2025-05-11.
        Assert.Equal("2025-04-30", dispute["deadlines"]!["resolution"]!["dueOn"].Str());
        Assert.Equal("two_cycles", dispute["deadlines"]!["resolution"]!["basis"].Str());
    }
}

using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Clocks;

public sealed class when_a_dispute_is_opened_its_clocks_start(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Fact]
    public async Task the_three_deadlines_follow_the_rule_book_example()
    {
        await Client.RegisterAccountAsync("acct-1001", "America/New_York", closingDay: 15);

        var dispute = await Client.OpenDisputeAsync();

        var deadlines = dispute["deadlines"]!;
        Assert.Equal("2025-04-17", deadlines["filingWindow"]!["lastDay"].Str());
        Assert.True((bool)deadlines["filingWindow"]!["timely"]!);
        Assert.Equal("2025-04-02", deadlines["acknowledgment"]!["dueOn"].Str());
        Assert.Equal("pending", deadlines["acknowledgment"]!["status"].Str());
        Assert.Equal("2025-05-15", deadlines["resolution"]!["dueOn"].Str());
        Assert.Equal("pending", deadlines["resolution"]!["status"].Str());
        Assert.Equal("two_cycles", deadlines["resolution"]!["basis"].Str());
        Assert.Equal("2025-04-03T04:00:00Z", deadlines["acknowledgment"]!["breachesAt"].Str());
        Assert.True((bool)dispute["fcbaProtected"]!);
    }

    [Fact]
    public async Task a_notice_after_the_filing_window_is_recorded_but_unprotected()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-05-01T12:00:00Z");
        var intake = TestApi.Intake();
        intake["noticeReceivedAt"] = "2025-04-18T12:00:00Z";

        var dispute = await Client.OpenDisputeAsync(intake);

        Assert.False((bool)dispute["fcbaProtected"]!);
        Assert.False((bool)dispute["deadlines"]!["filingWindow"]!["timely"]!);
        Assert.Equal("not_applicable", dispute["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("not_applicable", dispute["deadlines"]!["resolution"]!["status"].Str());
        Assert.Null(dispute["deadlines"]!["resolution"]!["dueOn"]);
    }

    [Fact]
    public async Task the_receipts_local_date_decides_not_its_utc_date()
    {
        // 03:30 UTC on 2025-03-04 is still 2025-03-03 in Los Angeles.
        await Client.RegisterAccountAsync("acct-west", "America/Los_Angeles", closingDay: 15);
        Clock.SetNow("2025-03-05T00:00:00Z");
        var intake = TestApi.Intake("acct-west");
        intake["noticeReceivedAt"] = "2025-03-04T03:30:00Z";

        var dispute = await Client.OpenDisputeAsync(intake);

        Assert.Equal("2025-03-03", dispute["receivedOn"].Str());
        Assert.Equal("2025-04-02", dispute["deadlines"]!["acknowledgment"]!["dueOn"].Str());
    }

    [Fact]
    public async Task a_calendar_that_runs_out_falls_back_to_the_90_day_cap_and_says_why()
    {
        var account = new JsonObject
        {
            ["timeZone"] = "America/Chicago",
            ["billingCycle"] = new JsonObject { ["closingDates"] = new JsonArray("2025-03-15", "2025-04-14") },
        };
        await Client.PutJsonAsync("/api/accounts/acct-short", account);

        var dispute = await Client.OpenDisputeAsync(TestApi.Intake("acct-short"));

        var resolution = dispute["deadlines"]!["resolution"]!;
        Assert.Equal("2025-06-01", resolution["dueOn"].Str());
        Assert.Equal("ninety_day_cap", resolution["basis"].Str());
        Assert.Contains("2025-04-14", resolution["capReason"].Str());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Clocks;

/// <summary>
/// The two paths a compliance examiner reproduced (rule book section 3): a dispute received 2025-03-03 on an account
/// closing on the 15th (resolution due 05-15, breaching 05-16T04:00Z), whose calendar then changes.
/// </summary>
public sealed class when_the_calendar_changes_under_open_disputes(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static JsonObject MonthlyOn(int day) =>
        new() { ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = day } };

    private async Task<JsonObject> AcknowledgedDisputeAsync()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        return await Client.StepAsync(dispute, "acknowledgment");
    }

    private async Task<List<string>> EventTypesAsync(JsonObject dispute) =>
        (await Service.ScalarAsync<string>(
            $"select string_agg(type, ',' order by version) from disputes.mt_events where stream_id = '{dispute["disputeId"]}'")).Split(',').ToList();

    [Fact]
    public async Task past_closings_stay_and_the_deadline_follows_the_next_closing_of_the_new_schedule()
    {
        var dispute = await AcknowledgedDisputeAsync();
        Clock.SetNow("2025-04-20T14:00:00Z");

        var response = await Service.AndItsMessagesAsync(() => Client.PutJsonAsync("/api/accounts/acct-1001", MonthlyOn(1)));

        var account = await response.BodyAsync();
        Assert.Equal(1, (int)account["recomputedDisputes"]!);
        var history = account["calendarHistory"]!.AsArray();
        Assert.Null(history[0]!["inForceFrom"]);
        Assert.Equal(15, (int)history[0]!["billingCycle"]!["closingDay"]!);
        Assert.Equal("2025-04-20", history[1]!["inForceFrom"].Str());
        // 03-15 and 04-15 closed; the next closing is 05-01 (a rewritten calendar would say 06-01).
        dispute = await Client.GetDisputeAsync(dispute);
        Assert.Equal("2025-05-01", dispute["deadlines"]!["resolution"]!["dueOn"].Str());
        var read = await (await Client.GetAsync("/api/accounts/acct-1001")).BodyAsync();
        Assert.Equal(2, read["calendarHistory"]!.AsArray().Count);
    }

    [Fact]
    public async Task a_breach_due_before_the_change_is_recorded_and_never_postponed()
    {
        var dispute = await AcknowledgedDisputeAsync();
        // Past the breach instant, with no command or timer having recorded it yet for this version.
        Clock.SetNow("2025-05-20T14:00:00Z");

        var response = await Service.AndItsMessagesAsync(() => Client.PutJsonAsync("/api/accounts/acct-1001", MonthlyOn(28)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        dispute = await Client.GetDisputeAsync(dispute);
        var resolution = dispute["deadlines"]!["resolution"]!;
        Assert.Equal("breached", resolution["status"].Str());
        Assert.Equal("2025-05-15", resolution["dueOn"].Str());
        Assert.Equal("2025-05-16T04:00:00Z", resolution["breachedAt"].Str());
        var types = await EventTypesAsync(dispute);
        Assert.Single(types, t => t == "deadline_breached");
        Assert.DoesNotContain("resolution_deadline_recomputed", types);
    }

    [Fact]
    public async Task a_dispute_the_calendar_cannot_answer_is_listed_until_the_closings_are_added()
    {
        // The list runs out after C1 (04-14): C2 is unknown, so the cap applies and says why.
        var listed = new JsonObject
        {
            ["timeZone"] = "America/New_York",
            ["billingCycle"] = new JsonObject { ["closingDates"] = new JsonArray("2025-02-15", "2025-03-15", "2025-04-14") },
        };
        Assert.True((await Client.PutJsonAsync("/api/accounts/acct-list", listed)).IsSuccessStatusCode);
        var dispute = await Client.OpenDisputeAsync(TestApi.Intake("acct-list"));
        Assert.Equal("ninety_day_cap", dispute["deadlines"]!["resolution"]!["basis"].Str());
        var compliance = Service.ClientAs("compliance");

        var before = await (await compliance.GetAsync("/api/compliance/calendar-attention")).BodyAsync();

        var item = Assert.Single(before["items"]!.AsArray())!;
        Assert.Equal(dispute["caseNumber"].Str(), item["caseNumber"].Str());
        Assert.Contains("after 2025-04-14", item["capReason"].Str());

        listed["billingCycle"] = new JsonObject { ["closingDates"] = new JsonArray("2025-02-15", "2025-03-15", "2025-04-14", "2025-05-15") };
        Assert.True((await Service.AndItsMessagesAsync(() => Client.PutJsonAsync("/api/accounts/acct-list", listed))).IsSuccessStatusCode);

        var after = await (await compliance.GetAsync("/api/compliance/calendar-attention")).BodyAsync();
        Assert.Empty(after["items"]!.AsArray());
        dispute = await Client.GetDisputeAsync(dispute);
        Assert.Equal("2025-05-15", dispute["deadlines"]!["resolution"]!["dueOn"].Str());
        Assert.Equal("two_cycles", dispute["deadlines"]!["resolution"]!["basis"].Str());
    }

    [Fact]
    public async Task a_calendar_that_does_not_reach_back_to_the_receipt_is_listed_with_why()
    {
        var listed = new JsonObject
        {
            ["timeZone"] = "America/New_York",
            ["billingCycle"] = new JsonObject { ["closingDates"] = new JsonArray("2025-03-15", "2025-04-15", "2025-05-15") },
        };
        Assert.True((await Client.PutJsonAsync("/api/accounts/acct-late-list", listed)).IsSuccessStatusCode);
        var dispute = await Client.OpenDisputeAsync(TestApi.Intake("acct-late-list"));

        var page = await (await Service.ClientAs("compliance").GetAsync("/api/compliance/calendar-attention")).BodyAsync();

        var item = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(dispute["disputeId"].Str(), item["disputeId"].Str());
        Assert.Contains("on or before 2025-03-03", item["capReason"].Str());
        Assert.Equal("2025-06-01", item["dueOn"].Str());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Clocks;

public sealed class when_the_dispute_is_worked_its_clocks_move(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<JsonObject> OpenAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.OpenDisputeAsync();
    }

    private static JsonNode ClockOf(JsonObject dispute, string clock) => dispute["deadlines"]![clock]!;

    [Fact]
    public async Task acknowledging_in_time_meets_the_acknowledgment_clock()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-03-10T14:00:00Z");

        dispute = await Client.StepAsync(dispute, "acknowledgment");

        Assert.Equal("met", ClockOf(dispute, "acknowledgment")["status"].Str());
        Assert.StartsWith("2025-03-10T14:00", ClockOf(dispute, "acknowledgment")["metAt"].Str());
        Assert.Equal("pending", ClockOf(dispute, "resolution")["status"].Str());
    }

    [Fact]
    public async Task resolving_within_30_days_meets_the_acknowledgment_by_resolution()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-03-20T14:00:00Z");

        dispute = await Client.StepAsync(dispute, "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        Assert.Equal("met_by_resolution", ClockOf(dispute, "acknowledgment")["status"].Str());
        Assert.Equal("met", ClockOf(dispute, "resolution")["status"].Str());
    }

    [Fact]
    public async Task withdrawing_stops_the_pending_clocks()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");

        dispute = await Client.StepAsync(dispute, "withdrawal");

        Assert.Equal("met", ClockOf(dispute, "acknowledgment")["status"].Str());
        Assert.Equal("stopped", ClockOf(dispute, "resolution")["status"].Str());
    }

    [Fact]
    public async Task acknowledging_after_the_due_date_records_the_breach_first()
    {
        var dispute = await OpenAsync();
        // Due 2025-04-02 in New York; the breach instant is 2025-04-03T04:00Z. One second later is too late,
        // even before the breach timer has been delivered.
        Clock.SetNow("2025-04-03T04:00:01Z");

        dispute = await Client.StepAsync(dispute, "acknowledgment");

        var ack = ClockOf(dispute, "acknowledgment");
        Assert.Equal("breached", ack["status"].Str());
        Assert.Equal("2025-04-03T04:00:00Z", ack["breachedAt"].Str());
        Assert.Equal(50m, (decimal)dispute["forfeitureExposure"]!);
        Assert.Equal(["dispute_opened", "hold_placed", "deadline_breached", "acknowledgment_sent", "notice_issued"],
            dispute["steps"]!.AsArray().Select(s => s!["type"].Str()));
    }

    [Fact]
    public async Task acknowledging_at_the_last_minute_of_the_due_date_is_in_time()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-04-03T03:59:00Z");

        dispute = await Client.StepAsync(dispute, "acknowledgment");

        Assert.Equal("met", ClockOf(dispute, "acknowledgment")["status"].Str());
    }

    [Fact]
    public async Task changing_the_accounts_calendar_recomputes_the_open_resolution_deadline()
    {
        var dispute = await OpenAsync();

        var response = await Service.AndItsMessagesAsync(() => Client.PutJsonAsync("/api/accounts/acct-1001",
            new JsonObject { ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = 5 } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.BodyAsync())["recomputedDisputes"]!);
        dispute = await Client.GetDisputeAsync(dispute);
        // Received 03-03, closing on the 5th: C0 = 03-05, C2 = 05-05.
        Assert.Equal("2025-05-05", ClockOf(dispute, "resolution")["dueOn"].Str());
        Assert.Equal("resolution_deadline_recomputed", dispute["steps"]!.AsArray().Last()!["type"].Str());
    }
}

using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Timers;

/// <summary>
/// The breach is recorded by a real durable scheduled message, at the breach instant of the service's clock.
/// Each test sets the clock a few seconds before a breach instant and waits for the timer.
/// </summary>
public sealed class when_a_deadline_passes(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<JsonObject> OpenWithAcknowledgmentBreachingSoonAsync(double secondsToBreach)
    {
        await Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
        // Received 2025-03-03: acknowledgment due 2025-04-02, so it breaches at 2025-04-03T00:00Z.
        Clock.SetNow(NodaTime.Text.InstantPattern.ExtendedIso.Parse("2025-04-03T00:00:00Z").Value - NodaTime.Duration.FromSeconds(secondsToBreach));
        return await Client.OpenDisputeAsync(TestApi.Intake("acct-utc"));
    }

    public static async Task<JsonObject> WaitForAsync(HttpClient client, JsonObject dispute, Func<JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var current = await client.GetDisputeAsync(dispute);
            if (condition(current))
            {
                return current;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting; the dispute is now {current.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task the_breach_is_recorded_on_its_own_at_the_breach_instant()
    {
        var dispute = await OpenWithAcknowledgmentBreachingSoonAsync(secondsToBreach: 3);
        Assert.Equal("pending", dispute["deadlines"]!["acknowledgment"]!["status"].Str());

        var breached = await WaitForAsync(Client, dispute, d => d["deadlines"]!["acknowledgment"]!["status"].Str() == "breached");

        Assert.Equal("2025-04-03T00:00:00Z", breached["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
        Assert.Equal(50m, (decimal)breached["forfeitureExposure"]!);
        Assert.Equal("pending", breached["deadlines"]!["resolution"]!["status"].Str());
        var history = await Service.ScalarAsync<long>(
            $"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'deadline_breached'");
        Assert.Equal(1, history);
    }

    [Fact]
    public async Task a_clock_met_before_the_timer_fires_never_breaches()
    {
        var dispute = await OpenWithAcknowledgmentBreachingSoonAsync(secondsToBreach: 2);
        var response = await Client.CommandAsync(dispute, "acknowledgment");
        Assert.True(response.IsSuccessStatusCode);

        await Task.Delay(TimeSpan.FromSeconds(4));

        var current = await Client.GetDisputeAsync(dispute);
        Assert.Equal("met", current["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Null(current["forfeitureExposure"]);
        Assert.DoesNotContain(current["steps"]!.AsArray(), s => s!["type"].Str() == "deadline_breached");
    }

    [Fact]
    public async Task a_warning_is_recorded_ahead_of_the_breach()
    {
        await Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
        // The 2-day warning for the 2025-04-02 due date fires at 2025-04-01T00:00Z.
        Clock.SetNow("2025-03-31T23:59:57Z");
        var dispute = await Client.OpenDisputeAsync(TestApi.Intake("acct-utc"));

        var warned = await WaitForAsync(Client, dispute, d => d["steps"]!.AsArray().Any(s => s!["type"].Str() == "deadline_approaching"));

        var warning = warned["steps"]!.AsArray().Single(s => s!["type"].Str() == "deadline_approaching")!;
        Assert.Contains("2025-04-02", warning["summary"].Str());
        Assert.Equal("pending", warned["deadlines"]!["acknowledgment"]!["status"].Str());
    }
}

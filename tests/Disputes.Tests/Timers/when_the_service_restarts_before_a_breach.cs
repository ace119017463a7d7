using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Timers;

/// <summary>Breach timers live in PostgreSQL with the outbox, not in the process: a restart loses none.</summary>
public sealed class when_the_service_restarts_before_a_breach
{
    [Fact]
    public async Task the_breach_is_recorded_exactly_once_by_the_next_host()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"disputes_restart_{Guid.NewGuid():N}");
        var clock = new TestClock();
        string disputeId;

        await using (var first = await DisputesHost.StartAsync(connectionString, clock))
        {
            await first.Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
            clock.SetNow(NodaTime.Text.InstantPattern.ExtendedIso.Parse("2025-04-03T00:00:00Z").Value - NodaTime.Duration.FromSeconds(3));
            var dispute = await first.Client.OpenDisputeAsync(TestApi.Intake("acct-utc"));
            disputeId = dispute["disputeId"].Str();
        }

        // Past the breach instant while no service runs.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(clock.GetCurrentInstant() > NodaTime.Text.InstantPattern.ExtendedIso.Parse("2025-04-03T00:00:00Z").Value);

        await using var second = await DisputesHost.StartAsync(connectionString, clock);
        var breached = await when_a_deadline_passes.WaitForAsync(second.Client, new() { ["disputeId"] = disputeId },
            d => d["deadlines"]!["acknowledgment"]!["status"].Str() == "breached");

        Assert.Equal("2025-04-03T00:00:00Z", breached["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await second.ScalarAsync<long>(
            $"select count(*) from disputes.mt_events where stream_id = '{disputeId}' and type = 'deadline_breached'"));
    }
}

using System.Text.Json.Nodes;
using Disputes.Api.Disputes.Timing;
using Disputes.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Wolverine;
using Xunit;

namespace Disputes.Tests.Timers;

/// <summary>
/// Wolverine runs a sweep on its own real-time schedule; the service's clock can then stand before the sweep's instant
/// (set back since the sweep was scheduled, or the database's clock ahead of the service's). The sweep records only what
/// is due by the service's now and leaves the rest of its timers for their time.
/// </summary>
public sealed class when_a_sweep_runs_before_its_instant(ServiceFixture fixture) : ServiceTest(fixture)
{
    // Received 2025-03-03: acknowledgment due 2025-04-02, so it breaches at 2025-04-03T00:00Z, and its warnings fire before.
    private static readonly Instant Breach = InstantPattern.ExtendedIso.Parse("2025-04-03T00:00:00Z").Value;

    private Task<long> TimersAsync(JsonObject dispute) =>
        Service.ScalarAsync<long>($"select count(*) from disputes.{DeadlineTimers.TimersTable} where dispute_id = '{dispute["disputeId"]}'");

    private Task SweepAsync() => Service.App.Services.GetRequiredService<IMessageBus>().InvokeAsync(new DeadlinesDue(Breach, Breach));

    [Fact]
    public async Task it_records_no_warning_or_breach_before_its_time_and_the_breach_once_it_has_come()
    {
        await Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
        var dispute = await Client.OpenDisputeAsync(TestApi.Intake("acct-utc"));
        var timers = await TimersAsync(dispute);
        Clock.SetNow("2025-03-10T12:00:00Z");

        await SweepAsync();

        var early = await Client.GetDisputeAsync(dispute);
        Assert.Equal(2, (long)early["version"]!);
        Assert.DoesNotContain(early["steps"]!.AsArray(), s => s!["type"].Str() is "deadline_approaching" or "deadline_breached");
        Assert.True(timers > 1, $"the acknowledgment has a breach timer and warnings ({timers} timers)");
        Assert.Equal(timers, await TimersAsync(dispute));

        Clock.SetNow("2025-04-03T00:00:01Z");
        await SweepAsync();

        var due = await Client.GetDisputeAsync(dispute);
        Assert.Equal("breached", due["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("2025-04-03T00:00:00Z", due["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
    }
}

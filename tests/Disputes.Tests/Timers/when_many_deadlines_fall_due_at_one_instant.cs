using System.Text.Json.Nodes;
using Disputes.Api.Disputes.Timing;
using Disputes.Domain.Disputes;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Wolverine;
using Xunit;

namespace Disputes.Tests.Timers;

/// <summary>
/// Breach instants are local midnights, so the disputes of a day share them: each instant gets one durable sweep
/// (<see cref="DeadlinesDue"/>), which records every clock still pending then, in batches, once.
/// </summary>
public sealed class when_many_deadlines_fall_due_at_one_instant : IAsyncLifetime
{
    // Received 2025-03-03: acknowledgment due 2025-04-02, so every one of them breaches at 2025-04-03T00:00Z.
    private static readonly Instant Breach = InstantPattern.ExtendedIso.Parse("2025-04-03T00:00:00Z").Value;
    private const int Count = 23;

    private DisputesHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"disputes_sweep_{Guid.NewGuid():N}");

        // Batches of five, so the sweep takes several transactions and both of its workers have work.
        _host = await DisputesHost.StartAsync(connectionString, settings: new Dictionary<string, string?>
        {
            ["Disputes:Timers:SweepBatchSize"] = "5",
        });
        await _host.Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<JsonObject>> OpenAsync(int count)
    {
        var opened = new List<JsonObject>();
        for (var i = 0; i < count; i++)
        {
            opened.Add(await _host.Client.OpenDisputeAsync(TestApi.Intake("acct-utc")));
        }

        return opened;
    }

    private Task<long> BreachesAsync(JsonObject dispute) => _host.ScalarAsync<long>(
        $"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'deadline_breached'");

    private Task<long> ScheduledAsync(string messageType) => _host.ScalarAsync<long>(
        $"select count(*) from disputes.wolverine_incoming_envelopes where message_type like '%{messageType}' and status = 'Scheduled'");

    [Fact]
    public async Task every_clock_still_pending_is_breached_once_and_one_sweep_serves_each_instant()
    {
        _host.Clock.SetNow(Breach - Duration.FromSeconds(12));
        var disputes = await OpenAsync(Count);
        var acknowledged = disputes.Take(3).ToList();
        foreach (var dispute in acknowledged)
        {
            Assert.True((await _host.Client.CommandAsync(dispute, "acknowledgment")).IsSuccessStatusCode);
        }

        Assert.True(_host.Clock.GetCurrentInstant() < Breach, "the intake took longer than the margin before the breach");

        // The acknowledgment's breach, and the resolution's breach and its two warnings (the acknowledgment's warnings
        // are past): four instants, four sweeps, however many disputes share them; none of the old one-per-timer messages.
        Assert.Equal(4, await ScheduledAsync(nameof(DeadlinesDue)));
        Assert.Equal(0, await ScheduledAsync(nameof(Disputes.Domain.Disputes.Timing.DeadlineTimer)));

        var pending = disputes.Skip(3).ToList();
        await Eventually.UntilAsync(
            async () => string.Join(",", await Task.WhenAll(pending.Select(BreachesAsync))),
            counts => counts.Split(',').All(n => n == "1"), "every pending acknowledgment to be breached once");

        foreach (var dispute in pending)
        {
            var current = await _host.Client.GetDisputeAsync(dispute);
            Assert.Equal("breached", current["deadlines"]!["acknowledgment"]!["status"].Str());
            Assert.Equal("2025-04-03T00:00:00Z", current["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
            Assert.Equal("pending", current["deadlines"]!["resolution"]!["status"].Str());
        }

        foreach (var dispute in acknowledged)
        {
            Assert.Equal(0, await BreachesAsync(dispute));
        }

        // Only the resolution's timers are left; the breach's sweep took every row it was for.
        Assert.Equal(0, await _host.ScalarAsync<long>(
            $"select count(*) from disputes.{DeadlineTimers.TimersTable} where fires_at <= '2025-04-03T00:00:00Z'"));
        Assert.Equal(Count * 3, await _host.ScalarAsync<long>($"select count(*) from disputes.{DeadlineTimers.TimersTable}"));
    }

    [Fact]
    public async Task timers_whose_clocks_were_all_met_are_taken_and_record_nothing()
    {
        _host.Clock.SetNow(Breach - Duration.FromSeconds(6));
        var disputes = await OpenAsync(7);
        foreach (var dispute in disputes)
        {
            Assert.True((await _host.Client.CommandAsync(dispute, "acknowledgment")).IsSuccessStatusCode);
        }

        // Every batch of the sweep finds only met clocks: it records nothing, and still takes the rows (a batch that
        // rolled back would leave them to be taken again and again).
        await Eventually.UntilAsync(
            () => _host.ScalarAsync<long>(
                $"select count(*) from disputes.{DeadlineTimers.TimersTable} where fires_at <= '2025-04-03T00:00:00Z'"),
            left => left == 0, "the sweep to take every timer due at the instant");
        foreach (var dispute in disputes)
        {
            Assert.Equal(0, await BreachesAsync(dispute));
        }
    }

    [Fact]
    public async Task a_sweep_delivered_again_records_nothing_more()
    {
        _host.Clock.SetNow(Breach - Duration.FromSeconds(4));
        var disputes = await OpenAsync(6);
        var runsAt = await _host.ScalarAsync<DateTime>(
            $"select runs_at from disputes.{DeadlineTimers.SweepsTable} where fires_at = '2025-04-03T00:00:00Z'");
        await Eventually.UntilAsync(
            async () => string.Join(",", await Task.WhenAll(disputes.Select(BreachesAsync))),
            counts => counts.Split(',').All(n => n == "1"), "every acknowledgment to be breached once");
        var events = await _host.EventCountAsync();

        var bus = _host.App.Services.GetRequiredService<IMessageBus>();
        await bus.InvokeAsync(new DeadlinesDue(Breach, Instant.FromDateTimeUtc(DateTime.SpecifyKind(runsAt, DateTimeKind.Utc))));
        await bus.InvokeAsync(new DeadlinesDue(Breach, Instant.FromDateTimeUtc(DateTime.SpecifyKind(runsAt, DateTimeKind.Utc))));

        Assert.Equal(events, await _host.EventCountAsync());
        foreach (var dispute in disputes)
        {
            Assert.Equal(1, await BreachesAsync(dispute));
        }
    }

    [Fact]
    public async Task a_timer_whose_transaction_is_still_open_when_its_sweep_begins_is_not_left_behind()
    {
        _host.Clock.SetNow(Breach - Duration.FromSeconds(4));
        var dispute = (await OpenAsync(1))[0];
        var id = Guid.Parse(dispute["disputeId"].Str());

        // The dispute's timers are taken away and added again by a transaction held open across the breach instant,
        // as an intake's would be if it were slow to commit: the sweep must wait for it, not read past it.
        await _host.ScalarAsync<long>($"with gone as (delete from disputes.{DeadlineTimers.TimersTable} where dispute_id = '{id}' returning 1) select count(*) from gone");
        await using var session = _host.Store.LightweightSession();
        var loaded = await session.LoadAsync<Dispute>(id);
        var timers = _host.App.Services.GetRequiredService<DeadlineTimers>();
        await timers.ScheduleAsync(session, _host.App.Services.GetRequiredService<IMessageBus>(), loaded!);

        await Eventually.UntilAsync(() => Task.FromResult(_host.Clock.GetCurrentInstant()), now => now > Breach + Duration.FromSeconds(2),
            "the breach instant to pass");
        Assert.Equal(0, await BreachesAsync(dispute));
        Assert.Equal(1, await _host.ScalarAsync<long>(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%deadline_sweeps%'"));

        // Marten commits only a session with something to write; an intake's has its events.
        session.QueueSqlCommand("select 1");
        await session.SaveChangesAsync();

        await Eventually.UntilAsync(() => BreachesAsync(dispute), n => n == 1, "the acknowledgment to be breached");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await BreachesAsync(dispute));
    }
}

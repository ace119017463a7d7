using Disputes.Bench.Infrastructure;
using Disputes.Bench.Scenarios;
using Disputes.Bench.Service;
using Disputes.Bench.Workload;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Wolverine;

namespace Disputes.Bench.Timers;

/// <summary>
/// The service's side of <c>timers</c>: the real service schedules the burst (see <see cref="ServiceTimerSeeder"/>),
/// its service clock shifted so that the breach instant falls just after scheduling ends, and records each breach
/// when the instant's sweep (one durable Wolverine message) takes the timers.
/// </summary>
public static class ServiceTimerRun
{
    private const string Records = "select stream_id, timestamp from disputes.mt_events where type = 'deadline_breached'";
    private const string Count = "select count(distinct stream_id) from disputes.mt_events where type = 'deadline_breached'";

    public static async Task<ServiceTimers> RunAsync(ScenarioContext context, NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var scale = context.Scale;
        var clock = new AdjustableClock();
        var account = new BenchAccount("acct-utc", "Etc/UTC", 15);
        await using var sampler = MemorySampler.Start();
        await using var host = await ServiceHost.StartAsync(context.ConnectionString, 4, clock, cancellation);
        var durability = host.Services.GetRequiredService<WolverineOptions>().Durability;
        var sweeps = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Api.Disputes.Timing.TimerDeliveryOptions>>().Value;
        await BenchAccounts.RegisterAsync(host.Client, [account], cancellation);
        var seeder = new ServiceTimerSeeder(host.Services, account);
        var breach = seeder.BreachInstant(ServiceTimerSeeder.ReceivedAt);

        // Warm-up and calibration on disputes received a day later: their breach is a day away and never fires here.
        clock.Align(breach, SystemClock.Instance.GetCurrentInstant() + Duration.FromHours(1));
        var later = ServiceTimerSeeder.ReceivedAt + Duration.FromDays(1);
        await seeder.SeedAsync(Burst.Warmup(scale.Timers), later, clock, _ => { }, cancellation);
        var rate = await seeder.SeedAsync(Burst.Calibration(scale.Timers), later, clock, _ => { }, cancellation);

        var due = Burst.DueFor(scale, scale.Timers, rate);
        clock.Align(breach, due);
        context.Progress.Line($"timers: service, scheduling {scale.Timers} breach timers (calibrated at {rate:0}/s), all due at {due}");
        var seeded = 0;
        double schedulingRate;
        await using (context.Progress.Every("timers service seed", () => $"{Volatile.Read(ref seeded)} scheduled"))
        {
            schedulingRate = await seeder.SeedAsync(scale.Timers, ServiceTimerSeeder.ReceivedAt, clock, n => Volatile.Write(ref seeded, n), cancellation);
        }

        var margin = (due - SystemClock.Instance.GetCurrentInstant()).TotalSeconds;
        await Burst.WaitAsync(context.Progress, "timers service", dataSource, Count, due, scale.Timers, scale.TimerWait, cancellation);
        // Pending: the burst's timers not yet taken by a sweep (a sweep deletes a timer's row when it records it).
        var pending = $"""
            select count(*) from disputes.{Api.Disputes.Timing.DeadlineTimers.TimersTable}
            where clock = 'Acknowledgment' and fires_at = '{breach.ToDateTimeUtc():O}'::timestamptz
            """;
        var tally = await BreachTally.ReadAsync(dataSource, Records, pending, due, scale.Timers, cancellation);
        return new ServiceTimers(Math.Round(schedulingRate, 1), Math.Round(margin, 1), durability.ScheduledJobPollingTime.TotalSeconds,
            durability.RecoveryBatchSize, Math.Round(durability.RecoveryBatchSize / durability.ScheduledJobPollingTime.TotalSeconds, 1),
            sweeps.SweepBatchSize, sweeps.SweepWorkers, tally,
            await sampler.StopAsync());
    }
}

/// <summary>The service's side of <c>timers</c>.</summary>
/// <param name="SchedulingRate">Disputes opened with their timers per second (batched, no HTTP).</param>
/// <param name="MarginSeconds">Time left between the end of scheduling and the due instant.</param>
/// <param name="ScheduledJobPollingSeconds">Wolverine's <c>Durability.ScheduledJobPollingTime</c>.</param>
/// <param name="RecoveryBatchSize">Wolverine's <c>Durability.RecoveryBatchSize</c>: the most due scheduled envelopes one poll takes.</param>
/// <param name="PollingCeilingPerSecond">RecoveryBatchSize / ScheduledJobPollingTime: the most scheduled messages (sweeps) per second the poller can release.</param>
/// <param name="SweepBatchSize">Timers one transaction of a sweep records (<c>Disputes:Timers:SweepBatchSize</c>).</param>
/// <param name="SweepWorkers">Batches of one sweep run at once (<c>Disputes:Timers:SweepWorkers</c>).</param>
/// <param name="Tally">How the breaches were recorded.</param>
/// <param name="Memory">Peak memory of the process while the service scheduled and fired the timers.</param>
public sealed record ServiceTimers(double SchedulingRate, double MarginSeconds, double ScheduledJobPollingSeconds, int RecoveryBatchSize,
    double PollingCeilingPerSecond, int SweepBatchSize, int SweepWorkers, BreachTally Tally, MemoryFigures Memory);

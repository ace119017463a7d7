using Disputes.Bench.Infrastructure;
using Disputes.Bench.Scenarios;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Timers;

/// <summary>The Hangfire side of <c>timers</c>: the same burst as delayed jobs; a failure is reported, never faked.</summary>
public static class HangfireTimerRun
{
    public const string Peer = "Hangfire.Core 1.8.25 + Hangfire.PostgreSql 1.21.1";

    public static async Task<PeerTimers> RunAsync(ScenarioContext context, TimeSpan polling, NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var scale = context.Scale;
        await using var sampler = MemorySampler.Start();
        try
        {
            using var peer = await HangfirePeer.StartAsync(context.ConnectionString, polling, cancellation);
            var tomorrow = SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(1);
            await peer.ScheduleAsync(NewIds(Burst.Warmup(scale.Timers)), tomorrow, _ => { }, cancellation);
            var rate = await peer.ScheduleAsync(NewIds(Burst.Calibration(scale.Timers)), tomorrow, _ => { }, cancellation);

            var due = Burst.DueFor(scale, scale.Timers, rate);
            context.Progress.Line($"timers: Hangfire, scheduling {scale.Timers} delayed jobs (calibrated at {rate:0}/s), all due at {due}");
            var scheduled = 0;
            double schedulingRate;
            await using (context.Progress.Every("timers hangfire seed", () => $"{Volatile.Read(ref scheduled)} scheduled"))
            {
                schedulingRate = await peer.ScheduleAsync(NewIds(scale.Timers), due, n => Volatile.Write(ref scheduled, n), cancellation);
            }

            var margin = (due - SystemClock.Instance.GetCurrentInstant()).TotalSeconds;
            var dueText = $"'{due.ToDateTimeUtc():O}'::timestamptz";
            await Burst.WaitAsync(context.Progress, "timers hangfire", dataSource,
                $"select count(distinct dispute_id) from {HangfirePeer.Table} where due = {dueText}", due, scale.Timers, scale.TimerWait, cancellation);
            var pending = $"select count(*) from hangfire.job where statename in ('Scheduled', 'Enqueued', 'Processing') and arguments::text like '%{due.ToUnixTimeMilliseconds()}%'";
            var tally = await BreachTally.ReadAsync(dataSource, $"select dispute_id, recorded_at from {HangfirePeer.Table} where due = {dueText}",
                pending, due, scale.Timers, cancellation);
            return new PeerTimers(Peer, Math.Round(schedulingRate, 1), Math.Round(margin, 1), tally, peer.Settings, await sampler.StopAsync(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Progress.Line($"timers: Hangfire peer failed: {e}");
            return new PeerTimers(Peer, null, null, null, null, await sampler.StopAsync(), $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static Guid[] NewIds(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid())];
}

/// <summary>The Hangfire peer's side; <paramref name="Error"/> when it did not run to the end.</summary>
public sealed record PeerTimers(string Peer, double? SchedulingRate, double? MarginSeconds, BreachTally? Tally, HangfireSettings? Settings,
    MemoryFigures Memory, string? Error);

using System.Globalization;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Timers;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>timers</c>: N acknowledgment deadlines of N disputes all breaching at the same instant, scheduled by the real
/// service as durable Wolverine messages; how late each breach is recorded, and whether any is lost or recorded twice.
/// Peer: the same deadlines as Hangfire delayed jobs on the same database.
/// </summary>
public sealed class TimersScenario : IScenario
{
    public string Name => "timers";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        var service = await ServiceTimerRun.RunAsync(context, dataSource, cancellation);
        var peer = await HangfireTimerRun.RunAsync(context, TimeSpan.FromSeconds(service.ScheduledJobPollingSeconds), dataSource, cancellation);

        var s = service.Tally;
        var h = peer.Tally;
        var rows = new List<ResultRow>
        {
            Compare("lateness p50 ms (recorded ones)", s.LatenessMs.P50, h is { Recorded: > 0 } ? h.LatenessMs.P50 : null),
            Compare("lateness p99 ms (recorded ones)", s.LatenessMs.P99, h is { Recorded: > 0 } ? h.LatenessMs.P99 : null),
            Compare("lateness max ms (recorded ones)", s.LatenessMs.Max, h is { Recorded: > 0 } ? h.LatenessMs.Max : null),
            new("all recorded after s (estimate while pending)", Completion(s), h is null ? "n/a" : Completion(h)),
            new("recorded / pending / lost / duplicated", Counts(s), h is null ? "n/a" : Counts(h)),
            new("breaches recorded/s", Text(s.RecordsPerSecond), Text(h?.RecordsPerSecond)),
            new("scheduling rate /s", Text(service.SchedulingRate), Text(peer.SchedulingRate)),
            ResultRow.Single("peak working set MiB (service)", service.Memory.PeakWorkingSetMb),
            ResultRow.Single("peak managed heap MiB (service)", service.Memory.PeakManagedHeapMb),
        };
        var notes = new List<string>
        {
            $"{context.Scale.Timers} disputes received {ServiceTimerSeeder.ReceivedAt} in Etc/UTC: every acknowledgment clock breaches at the same service instant, which the service's clock (an IClock shifted from real time) put {service.MarginSeconds:0} s after the last timer was scheduled.",
            "Scheduled by the service's own DeadlineTimers in the Marten outbox transaction that starts each stream (500 disputes per transaction, no HTTP); each breach is a deadline_breached event appended by the DeadlineTimer handler. Lateness = mt_events.timestamp of the breach minus the real due instant.",
            $"Wolverine releases due scheduled messages by polling every {service.ScheduledJobPollingSeconds:0.#} s, at most {service.RecoveryBatchSize} per poll (Durability.ScheduledJobPollingTime / RecoveryBatchSize): a ceiling of {service.PollingCeilingPerSecond:0.#} timers/s.",
            $"The Hangfire peer polls its schedule every {service.ScheduledJobPollingSeconds:0.#} s too (SchedulePollingInterval), wakes its {peer.Settings?.WorkerCount} workers with LISTEN/NOTIFY, and each job inserts one row.",
            $"The wait ends {context.Scale.TimerWait.TotalSeconds:0} s after the due instant or when all are recorded; pending = still scheduled or queued in the durable store (late, not lost); lost = neither recorded nor pending.",
        };
        if (peer.Error is { } error)
        {
            notes.Add($"Hangfire peer did not run to the end: {error}");
        }

        return new ScenarioResult(rows, new TimersFigures(context.Scale.Timers, context.Scale.TimerWait.TotalSeconds, service, peer), notes);
    }

    private static ResultRow Compare(string measure, double service, double? peer) =>
        peer is { } p && p > 0 ? ResultRow.Compare(measure, service, p, "N0") : new ResultRow(measure, Text(service), "n/a");

    private static string Completion(BreachTally tally) =>
        tally.AllRecordedAfterSeconds is { } all ? Text(all) : tally.EstimatedAllRecordedAfterSeconds is { } estimate ? $"~{Text(estimate)}" : "n/a";

    private static string Text(double? value) => value?.ToString("N1", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Counts(BreachTally tally) => $"{tally.Recorded} / {tally.Pending} / {tally.Lost} / {tally.Duplicated}";
}

/// <summary>The figures of <c>timers</c>.</summary>
public sealed record TimersFigures(int Timers, double WaitSeconds, ServiceTimers Service, PeerTimers Hangfire);

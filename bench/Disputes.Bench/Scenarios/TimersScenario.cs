using System.Globalization;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Timers;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>timers</c>: N acknowledgment deadlines of N disputes all breaching at the same instant, scheduled by the real
/// service (one durable sweep for the instant); how late each breach is recorded, and whether any is lost or recorded
/// twice. Peer: the same deadlines as Hangfire delayed jobs on the same database. Baseline: plain SQL recording the same
/// breaches in the same batches (<see cref="PlainBreachRun"/>).
/// </summary>
public sealed class TimersScenario : IScenario
{
    public string Name => "timers";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        var service = await ServiceTimerRun.RunAsync(context, dataSource, cancellation);
        var peer = await HangfireTimerRun.RunAsync(context, TimeSpan.FromSeconds(service.ScheduledJobPollingSeconds), dataSource, cancellation);
        var plain = await PlainBreachRun.RunAsync(context, dataSource, service.SweepBatchSize, service.SweepWorkers, cancellation);

        var s = service.Tally;
        var h = peer.Tally;
        var rows = new List<ResultRow>
        {
            Compare("lateness p50 ms (recorded ones)", s.LatenessMs.P50, h is { Recorded: > 0 } ? h.LatenessMs.P50 : null),
            Compare("lateness p99 ms (recorded ones)", s.LatenessMs.P99, h is { Recorded: > 0 } ? h.LatenessMs.P99 : null),
            Compare("lateness max ms (recorded ones)", s.LatenessMs.Max, h is { Recorded: > 0 } ? h.LatenessMs.Max : null),
            new("all recorded after s (estimate while pending)", Completion(s), h is null ? "n/a" : Completion(h)),
            new("recorded / pending / lost / duplicated", Counts(s), h is null ? "n/a" : Counts(h)),
            new("breaches recorded/s", Text(s.RecordsPerSecond), Text(h?.RecordsPerSecond),
                h is { RecordsPerSecond: > 0 } ? (s.RecordsPerSecond / h.RecordsPerSecond).ToString("0.00", CultureInfo.InvariantCulture) : ""),
            ResultRow.Compare("breaches recorded/s, baseline: plain SQL in the same batches", s.RecordsPerSecond, plain.Tally.RecordsPerSecond, "N1"),
            new("all recorded after s, baseline: plain SQL", Completion(s), Completion(plain.Tally)),
            new("recorded / pending / lost / duplicated, baseline: plain SQL", Counts(s), Counts(plain.Tally)),
            new("scheduling rate /s", Text(service.SchedulingRate), Text(peer.SchedulingRate)),
            ResultRow.Single("peak working set MiB (service)", service.Memory.PeakWorkingSetMb),
            ResultRow.Single("peak managed heap MiB (service)", service.Memory.PeakManagedHeapMb),
            ResultRow.Single("peak GC committed MiB (service)", service.Memory.PeakGcCommittedMb),
        };
        var notes = new List<string>
        {
            $"{context.Scale.Timers} disputes received {ServiceTimerSeeder.ReceivedAt} in Etc/UTC: every acknowledgment clock breaches at the same service instant, which the service's clock (an IClock shifted from real time) put {service.MarginSeconds:0} s after the last timer was scheduled.",
            "Scheduled by the service's own DeadlineTimers in the Marten outbox transaction that starts each stream (500 disputes per transaction, no HTTP): a row of deadline_timers per timer, and one durable DeadlinesDue message per instant. Each breach is a deadline_breached event appended by the sweep, which decides on each dispute through the domain. Lateness = mt_events.timestamp of the breach minus the real due instant.",
            $"The sweep records {service.SweepBatchSize} timers per transaction, {service.SweepWorkers} transactions at once; Wolverine releases the sweep itself by polling every {service.ScheduledJobPollingSeconds:0.#} s.",
            $"Baseline: the same {context.Scale.Timers} deadlines as rows of a plain table, recorded at the due instant by plain SQL in the same batches ({plain.Workers} x {plain.BatchSize}): each statement flips its clocks and inserts one breach row each, the least any recording must write.",
            $"The Hangfire peer polls its schedule every {service.ScheduledJobPollingSeconds:0.#} s too (SchedulePollingInterval), wakes its {peer.Settings?.WorkerCount} workers with LISTEN/NOTIFY, and each job inserts one row.",
            $"The wait ends {context.Scale.TimerWait.TotalSeconds:0} s after the due instant or when all are recorded; pending = still scheduled or queued in the durable store (late, not lost); lost = neither recorded nor pending.",
        };
        if (peer.Error is { } error)
        {
            notes.Add($"Hangfire peer did not run to the end: {error}");
        }

        return new ScenarioResult(rows, new TimersFigures(context.Scale.Timers, context.Scale.TimerWait.TotalSeconds, service, peer, plain), notes);
    }

    private static ResultRow Compare(string measure, double service, double? peer) =>
        peer is { } p && p > 0 ? ResultRow.Compare(measure, service, p, "N0") : new ResultRow(measure, Text(service), "n/a");

    private static string Completion(BreachTally tally) =>
        tally.AllRecordedAfterSeconds is { } all ? Text(all) : tally.EstimatedAllRecordedAfterSeconds is { } estimate ? $"~{Text(estimate)}" : "n/a";

    private static string Text(double? value) => value?.ToString("N1", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Counts(BreachTally tally) => $"{tally.Recorded} / {tally.Pending} / {tally.Lost} / {tally.Duplicated}";
}

/// <summary>The figures of <c>timers</c>.</summary>
public sealed record TimersFigures(int Timers, double WaitSeconds, ServiceTimers Service, PeerTimers Hangfire, PlainTimers Plain);

using System.Diagnostics;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Scenarios;
using Disputes.Bench.Service;
using Disputes.Bench.Workload;
using Npgsql;

namespace Disputes.Bench.Webhooks;

/// <summary>
/// The first half of <c>webhooks</c>: intake over HTTP with no subscription against intake with three (every event type
/// of the catalogue, to a loopback receiver), in alternating rounds on one service after one warm-up, so both sides see
/// the same machine, tables and JIT; first with the clients of <c>intake</c> sending as fast as answers come, then at a
/// fixed rate. After each round with subscriptions every delivery of its disputes must arrive before the subscriptions
/// are deleted and the webhook work is quiet again; that wait is not measured.
/// </summary>
public static class WebhookIntakeRun
{
    /// <summary>Rounds per side.</summary>
    public const int RoundsPerSide = 2;

    /// <summary>The paced load's rate: about 2.6 million disputes a day, far above any issuer's intake.</summary>
    public const double PacedPerSecond = 30;

    /// <summary>The subscriptions of a round with webhooks: three downstream systems.</summary>
    public static readonly string[] Receivers = ["/processor", "/collections", "/bureau"];

    /// <summary>Webhooks each dispute opened with subscriptions causes per subscription: <c>dispute.opened</c> and <c>hold.placed</c>.</summary>
    public const int EventsPerDispute = 2;

    public static async Task<WebhookIntakeFigures> RunAsync(ScenarioContext context, ServiceHost service, HttpClient integrator, BenchReceiver receiver,
        NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var accounts = BenchAccounts.Create(context.Scale.Accounts);
        await BenchAccounts.RegisterAsync(service.Client, accounts, cancellation);
        await using var clients = IntakeClients.Start(service.Address, service.Client.DefaultRequestHeaders.Authorization?.Parameter, context.Clients,
            accounts.Count, reportAnswered: true, line => context.Progress.Line($"webhooks: {line}"));

        context.Progress.Line($"webhooks: intake warm-up for {context.Scale.IntakeWarmup.TotalSeconds:0} s with {context.Clients} clients in their own process, no subscription");
        await clients.RunAsync(context.Scale.IntakeWarmup, cancellation);

        var round = TimeSpan.FromTicks(context.Scale.IntakeDuration.Ticks / RoundsPerSide);
        var rounds = new Rounds(context, integrator, receiver, dataSource, round);
        var saturated = await rounds.CompareAsync($"{context.Clients} clients", ended => clients.RunAsync(round, cancellation, ended), cancellation);
        var paced = await rounds.CompareAsync($"{PacedPerSecond:0}/s", ended => clients.RunPacedAsync(PacedPerSecond, round, cancellation, ended), cancellation);
        return new WebhookIntakeFigures(context.Clients, PacedPerSecond, round.TotalSeconds, RoundsPerSide, saturated, paced, rounds.ErrorKinds);
    }

    private sealed class Rounds(ScenarioContext context, HttpClient integrator, BenchReceiver receiver, NpgsqlDataSource dataSource, TimeSpan round)
    {
        /// <summary>The clients' error kinds after the latest round.</summary>
        public IReadOnlyDictionary<string, int> ErrorKinds { get; private set; } = new Dictionary<string, int>();

        public async Task<WebhookIntakeComparison> CompareAsync(string load, Func<Action, Task<IntakeClients.Run>> run, CancellationToken cancellation)
        {
            var without = new List<LoadOutcome>();
            var with = new List<LoadOutcome>();
            var cpuWithout = new List<CpuFigures>();
            var cpuWith = new List<CpuFigures>();
            var latencyWithout = new LatencyRecorder();
            var latencyWith = new LatencyRecorder();
            var lagMs = new List<double>();
            var drainSeconds = new List<double>();
            long expected = 0, missing = 0;
            for (var r = 0; r < RoundsPerSide * 2; r++)
            {
                var subscribed = r % 2 == 1;
                var subscriptions = new List<Guid>();
                if (subscribed)
                {
                    foreach (var path in Receivers)
                    {
                        subscriptions.Add(await WebhookSubscriptions.SubscribeAsync(integrator, receiver.BaseUrl + path, null, cancellation));
                    }
                }

                await receiver.ClearAsync(cancellation);
                context.Progress.Line($"webhooks: intake at {load}, round {r + 1} of {RoundsPerSide * 2}, {(subscribed ? "3 subscriptions" : "no subscription")}, {round.TotalSeconds:0.#} s");
                var meter = CpuMeter.Start();
                CpuFigures? cpu = null;
                var clients = await run(() => cpu = meter.Stop());
                (subscribed ? cpuWith : cpuWithout).Add(cpu!);
                var outcome = clients.ToOutcome();
                (subscribed ? with : without).Add(outcome);
                (subscribed ? latencyWith : latencyWithout).ForTask().AddRange(clients.LatenciesMs);
                ErrorKinds = clients.ErrorKinds;
                if (!subscribed)
                {
                    continue;
                }

                // Every delivery of the round's disputes arrives before the subscriptions go; the time it takes after the
                // round is the backlog intake left behind.
                var roundExpected = outcome.Opened * EventsPerDispute * Receivers.Length;
                var ended = Stopwatch.GetTimestamp();
                var counts = await receiver.UntilAsync((int)roundExpected, TimeSpan.FromSeconds(Math.Max(60, roundExpected / 100.0)), cancellation);
                drainSeconds.Add(Math.Round(Math.Max(0, Stopwatch.GetElapsedTime(ended, Math.Max(ended, counts.LastArrival)).TotalSeconds), 2));
                expected += roundExpected;
                missing += Math.Max(0, roundExpected - counts.Distinct);
                var answeredAt = clients.Answered.ToDictionary(a => a.DisputeId, a => a.At);
                foreach (var arrival in await receiver.OpenedArrivalsAsync(cancellation))
                {
                    if (answeredAt.TryGetValue(arrival.DisputeId, out var answered))
                    {
                        lagMs.Add(Stopwatch.GetElapsedTime(answered, arrival.At).TotalMilliseconds);
                    }
                }

                foreach (var subscription in subscriptions)
                {
                    await WebhookSubscriptions.DeleteAsync(integrator, subscription, cancellation);
                }

                if (!await WebhookSubscriptions.WaitForQuietAsync(dataSource, TimeSpan.FromSeconds(60), cancellation))
                {
                    context.Progress.Line("webhooks: the webhook work was not quiet 60 s after the round; the next round starts anyway");
                }
            }

            return new WebhookIntakeComparison(Side.Of(without, cpuWithout, latencyWithout), Side.Of(with, cpuWith, latencyWith), expected, missing,
                LatencySummary.Of(lagMs), drainSeconds);
        }
    }

    /// <summary>One side's rounds together.</summary>
    /// <param name="Disputes">Disputes opened (201).</param>
    /// <param name="Errors">Requests answered otherwise.</param>
    /// <param name="DisputesPerSecond">Over the side's rounds.</param>
    /// <param name="LatencyMs">Intake latency over all the side's requests.</param>
    /// <param name="RoundLatencyMs">Each round's intake latency.</param>
    /// <param name="CpuMsPerDispute">The service's process's CPU time per dispute opened (the clients and the receiver run in their own).</param>
    public sealed record Side(long Disputes, long Errors, double DisputesPerSecond, LatencySummary LatencyMs, IReadOnlyList<LatencySummary> RoundLatencyMs,
        double CpuMsPerDispute)
    {
        public static Side Of(IReadOnlyList<LoadOutcome> rounds, IReadOnlyList<CpuFigures> cpu, LatencyRecorder latencies)
        {
            var disputes = rounds.Sum(r => r.Opened);
            var seconds = rounds.Sum(r => r.Elapsed.TotalSeconds);
            return new Side(disputes, rounds.Sum(r => r.Errors), Math.Round(disputes / Math.Max(seconds, 1e-9), 1), latencies.Summary(),
                rounds.Select(r => r.Latency).ToList(), Math.Round(cpu.Sum(c => c.ProcessCpuSeconds) * 1000 / Math.Max(1, disputes), 2));
        }
    }
}

/// <summary>Intake with no subscription against intake with three, under one load.</summary>
/// <param name="Without">Intake with no subscription.</param>
/// <param name="With">Intake with three subscriptions to every event type.</param>
/// <param name="Deliveries">Webhooks the rounds with subscriptions caused (disputes x 2 events x 3 subscriptions).</param>
/// <param name="Missing">Of those, not received within the wait after the round.</param>
/// <param name="WebhookLagMs">From a dispute's 201 answer until its <c>dispute.opened</c> reached a receiver, per subscription.</param>
/// <param name="DrainSeconds">Per round with subscriptions: from the end of its intake until its last webhook arrived.</param>
public sealed record WebhookIntakeComparison(
    WebhookIntakeRun.Side Without,
    WebhookIntakeRun.Side With,
    long Deliveries,
    long Missing,
    LatencySummary WebhookLagMs,
    IReadOnlyList<double> DrainSeconds);

/// <summary>The intake half of <c>webhooks</c>.</summary>
/// <param name="Clients">Concurrent intake clients (at most, for the paced load).</param>
/// <param name="PacedPerSecond">The paced load's rate.</param>
/// <param name="RoundSeconds">Length of one round.</param>
/// <param name="RoundsPerSide">Rounds of each side, alternating, the side without subscriptions first.</param>
/// <param name="Saturated">The clients sending as fast as answers come, as in <c>intake</c>.</param>
/// <param name="Paced">Intakes at <paramref name="PacedPerSecond"/>, each latency counted from its turn.</param>
/// <param name="ErrorKinds">Intake errors seen.</param>
public sealed record WebhookIntakeFigures(
    int Clients,
    double PacedPerSecond,
    double RoundSeconds,
    int RoundsPerSide,
    WebhookIntakeComparison Saturated,
    WebhookIntakeComparison Paced,
    IReadOnlyDictionary<string, int> ErrorKinds);

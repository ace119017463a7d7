using System.Diagnostics;
using Disputes.Bench.Baseline;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Service;
using Disputes.Bench.Workload;
using Disputes.Projections.Compliance;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>lag</c>: while intake load runs, how long from a request's start until another connection sees the dispute
/// applied by the asynchronous <c>ComplianceDay</c> projection, and until it sees its inline read model (written in
/// the events' transaction, so commit latency seen from outside); the baseline is the inline measure for the plain
/// Npgsql transaction.
/// </summary>
public sealed class LagScenario : IScenario
{
    private const int Probes = 2;

    public string Name => "lag";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var accounts = BenchAccounts.Create(context.Scale.Accounts);
        var loadClients = Math.Max(1, context.Clients - Probes);
        ProbeOutcome service;
        await using (var host = await ServiceHost.StartAsync(context.ConnectionString, context.Clients, cancellation: cancellation))
        {
            await BenchAccounts.RegisterAsync(host.Client, accounts, cancellation);
            await using var clients = IntakeClients.Start(host.Address, host.Client.DefaultRequestHeaders.Authorization?.Parameter, loadClients,
                accounts.Count, reportAnswered: false, line => context.Progress.Line($"lag: {line}"));
            context.Progress.Line($"lag: warm-up for {context.Scale.IntakeWarmup.TotalSeconds:0} s, {loadClients} intake clients in their own process");
            await clients.RunAsync(context.Scale.IntakeWarmup, cancellation);

            // Wolverine assigns the projection's agent a few seconds after start; measure the running daemon, not its start.
            await ProjectionProbe.WaitCaughtUpAsync(host.Services.GetRequiredService<IDocumentStore>(), ComplianceDayProjection.ProjectionName, cancellation);
            context.Progress.Line($"lag: {loadClients} intake clients and {Probes} probes for {context.Scale.LagDuration.TotalSeconds:0} s");
            var probed = new ProbeOutcome();
            var requests = new IntakeRequests(accounts);
            var probes = new IntakeLoad(host.Client, requests);
            await using (context.Progress.Every("lag", () => $"{probed.Count} probes"))
            {
                var background = clients.RunAsync(context.Scale.LagDuration, cancellation);
                await RunProbesAsync(context, "disputes.mt_doc_dispute", ComplianceDayProjection.ProjectionName, probed, () =>
                {
                    var intake = requests.Next();
                    return Task.FromResult((intake.DisputeId, probes.OpenOneAsync(intake, cancellation)));
                }, cancellation);
                await background;
            }

            service = probed;
        }

        var baseline = await RunBaselineAsync(context, loadClients, accounts[0], cancellation);
        var serviceLag = service.Lag.Summary();
        var asyncLag = service.AsyncLag.Summary();
        var baselineLag = baseline.Lag.Summary();
        var figures = new LagFigures(Probes, loadClients, VisibilityProbe.PollInterval.TotalMilliseconds,
            serviceLag, asyncLag, service.Answer.Summary(), service.VisibleBeforeAnswer, baselineLag, baseline.Answer.Summary(),
            serviceLag.P50 / Math.Max(baselineLag.P50, 0.001), serviceLag.P99 / Math.Max(baselineLag.P99, 0.001),
            asyncLag.P50 / Math.Max(baselineLag.P50, 0.001), asyncLag.P99 / Math.Max(baselineLag.P99, 0.001));
        return new ScenarioResult(
        [
            ResultRow.Compare("async ComplianceDay lag p50 ms", asyncLag.P50, baselineLag.P50, "N1"),
            ResultRow.Compare("async ComplianceDay lag p99 ms", asyncLag.P99, baselineLag.P99, "N1"),
            ResultRow.Compare("async ComplianceDay lag max ms", asyncLag.Max, baselineLag.Max, "N1"),
            ResultRow.Compare("inline read model lag p50 ms", serviceLag.P50, baselineLag.P50, "N1"),
            ResultRow.Compare("inline read model lag p99 ms", serviceLag.P99, baselineLag.P99, "N1"),
            ResultRow.Compare("inline read model lag max ms", serviceLag.Max, baselineLag.Max, "N1"),
            new ResultRow("probes", $"{serviceLag.Count}", $"{baselineLag.Count}"),
            new ResultRow("visible before the 201 answer", $"{service.VisibleBeforeAnswer} of {serviceLag.Count}"),
        ], figures,
        [
            "Async lag: from the request's start until the asynchronous ComplianceDay projection (run by the service's own daemon agent, Wolverine-distributed) has applied the dispute's first event, i.e. mt_event_progression 'ComplianceDay:All' at or past its seq_id.",
            "Inline lag: the Dispute and ClockRow documents are written in the events' own transaction, so this is commit latency as another connection sees it.",
            $"Both seen from a separate connection polling every ~{VisibilityProbe.PollInterval.TotalMilliseconds:0} ms; {Probes} probe clients, {loadClients} more clients (in a process of their own for the service; the baseline's plain workers in this one) keep opening disputes meanwhile.",
            "Baseline: the plain Npgsql intake transaction (same rows, see intake) under the same load, from its start until visible.",
        ]);
    }

    private static async Task RunProbesAsync(ScenarioContext context, string table, string? asyncProjection, ProbeOutcome outcome,
        Func<Task<(Guid Id, Task<bool> Write)>> start, CancellationToken cancellation)
    {
        var until = Stopwatch.GetTimestamp() + (long)(context.Scale.LagDuration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, Probes).Select(_ => Task.Run(async () =>
        {
            await using var probe = await VisibilityProbe.OpenAsync(context.ConnectionString, table, cancellation);
            await using var projectionProbe = asyncProjection is null
                ? null
                : await ProjectionProbe.OpenAsync(context.ConnectionString, "disputes", asyncProjection, cancellation);
            var lags = outcome.Lag.ForTask();
            var asyncLags = outcome.AsyncLag.ForTask();
            var answers = outcome.Answer.ForTask();
            while (Stopwatch.GetTimestamp() < until && !cancellation.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var (id, write) = await start();
                var answered = write.ContinueWith(_ => Stopwatch.GetElapsedTime(started).TotalMilliseconds, TaskScheduler.Default);
                var visible = await probe.WaitVisibleAsync(id, started, write, cancellation);
                var answer = await answered;
                if (visible is { } lag && await write)
                {
                    lags.Add(lag);
                    answers.Add(answer);
                    outcome.Saw(lag < answer);
                    if (projectionProbe is not null && await projectionProbe.WaitAppliedAsync(id, started, cancellation) is { } applied)
                    {
                        asyncLags.Add(applied);
                    }
                }
            }
        }, cancellation)));
    }

    private static async Task<ProbeOutcome> RunBaselineAsync(ScenarioContext context, int loadWorkers, BenchAccount account,
        CancellationToken cancellation)
    {
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        var transaction = await PlainIntakeTransaction.PrepareAsync(dataSource, context.ConnectionString, account.AccountId, cancellation);
        await ConcurrentRunner.RunForAsync(context.Clients, context.Scale.IntakeWarmup, transaction.ExecuteAsync, null, cancellation);

        context.Progress.Line($"lag: baseline, {loadWorkers} plain Npgsql workers and {Probes} probes for {context.Scale.LagDuration.TotalSeconds:0} s");
        var probed = new ProbeOutcome();
        await using (context.Progress.Every("lag baseline", () => $"{probed.Count} probes"))
        {
            var background = ConcurrentRunner.RunForAsync(loadWorkers, context.Scale.LagDuration, transaction.ExecuteAsync, null, cancellation);
            await RunProbesAsync(context, $"{ScratchTables.Schema}.mt_doc_dispute", null, probed, () =>
            {
                var id = Guid.NewGuid();
                return Task.FromResult((id, WriteAsync(transaction, id, cancellation)));
            }, cancellation);
            await background;
        }

        return probed;
    }

    private static async Task<bool> WriteAsync(PlainIntakeTransaction transaction, Guid id, CancellationToken cancellation)
    {
        await transaction.ExecuteAsync(id, cancellation);
        return true;
    }

    private sealed class ProbeOutcome
    {
        private long _count;
        private long _beforeAnswer;

        public LatencyRecorder Lag { get; } = new();

        public LatencyRecorder Answer { get; } = new();

        /// <summary>From the request's start until the asynchronous projection has applied the dispute.</summary>
        public LatencyRecorder AsyncLag { get; } = new();

        public long Count => Interlocked.Read(ref _count);

        public long VisibleBeforeAnswer => Interlocked.Read(ref _beforeAnswer);

        public void Saw(bool beforeAnswer)
        {
            Interlocked.Increment(ref _count);
            if (beforeAnswer)
            {
                Interlocked.Increment(ref _beforeAnswer);
            }
        }
    }
}

/// <summary>The figures of <c>lag</c>.</summary>
public sealed record LagFigures(
    int ProbeClients,
    int LoadClients,
    double PollIntervalMs,
    LatencySummary ServiceLagMs,
    LatencySummary AsyncProjectionLagMs,
    LatencySummary ServiceAnswerMs,
    long VisibleBeforeAnswer,
    LatencySummary BaselineLagMs,
    LatencySummary BaselineCommitMs,
    double P50ToBaseline,
    double P99ToBaseline,
    double AsyncP50ToBaseline,
    double AsyncP99ToBaseline);

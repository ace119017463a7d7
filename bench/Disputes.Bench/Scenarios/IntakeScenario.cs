using Disputes.Bench.Baseline;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Service;
using Disputes.Bench.Workload;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>intake</c>: disputes opened through <c>POST /api/disputes</c> on Kestrel by N concurrent clients for a fixed
/// time, against the same number of plain Npgsql transactions writing the same rows (the physical limit).
/// </summary>
public sealed class IntakeScenario : IScenario
{
    public string Name => "intake";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var accounts = BenchAccounts.Create(context.Scale.Accounts);
        IntakeClients.Run outcome;
        MemoryFigures memory;
        CpuFigures cpu;
        IReadOnlyDictionary<string, int> errorKinds;
        bool authenticated;
        await using (var service = await ServiceHost.StartAsync(context.ConnectionString, context.Clients, cancellation: cancellation))
        {
            authenticated = service.Authenticated;
            context.Progress.Line($"intake: service on {service.Address} (Production, a bearer token from the service's own issuer); registering {accounts.Count} accounts");
            await BenchAccounts.RegisterAsync(service.Client, accounts, cancellation);

            await using var sampler = MemorySampler.Start();
            context.Progress.Line($"intake: {context.Clients} clients in their own process, warming up for {context.Scale.IntakeWarmup.TotalSeconds:0} s");
            await using (var clients = IntakeClients.Start(service.Address, service.Client.DefaultRequestHeaders.Authorization?.Parameter, context.Clients,
                accounts.Count, reportAnswered: false, line => context.Progress.Line($"intake: {line}")))
            {
                await clients.RunAsync(context.Scale.IntakeWarmup, cancellation);
                context.Progress.Line($"intake: measuring for {context.Scale.IntakeDuration.TotalSeconds:0} s");
                var meter = CpuMeter.Start();
                CpuFigures? measured = null;
                outcome = await clients.RunAsync(context.Scale.IntakeDuration, cancellation, ended: () => measured = meter.Stop());
                cpu = measured!;
            }

            memory = await sampler.StopAsync();
            errorKinds = outcome.ErrorKinds;
        }

        var (baseline, baselineCpu) = await RunBaselineAsync(context, accounts[0], outcome.Opened, cancellation);
        var figures = new IntakeFigures(context.Clients, context.Scale.IntakeDuration.TotalSeconds, authenticated,
            new IntakeFigures.Side(outcome.Opened, outcome.Errors, Math.Round(outcome.PerSecond, 1), outcome.Latency),
            new IntakeFigures.Side(baseline.Completed, 0, Math.Round(baseline.PerSecond, 1), baseline.Latency),
            Math.Round(outcome.PerSecond / baseline.PerSecond, 3), memory, cpu, baselineCpu,
            Math.Round(cpu.ProcessCpuSeconds * 1000 / Math.Max(1, outcome.Opened), 2), Math.Round(baselineCpu.ProcessCpuSeconds * 1000 / Math.Max(1, baseline.Completed), 2),
            errorKinds);
        return new ScenarioResult(
        [
            ResultRow.Compare("disputes/s", outcome.PerSecond, baseline.PerSecond, "N1"),
            ResultRow.Compare("latency p50 ms", outcome.Latency.P50, baseline.Latency.P50, "N1"),
            ResultRow.Compare("latency p95 ms", outcome.Latency.P95, baseline.Latency.P95, "N1"),
            ResultRow.Compare("latency p99 ms", outcome.Latency.P99, baseline.Latency.P99, "N1"),
            new ResultRow("disputes opened / errors", $"{outcome.Opened} / {outcome.Errors}", $"{baseline.Completed} / 0"),
            ResultRow.Single("peak working set MiB (the service's process)", memory.PeakWorkingSetMb, "N0"),
            ResultRow.Single("peak managed heap MiB", memory.PeakManagedHeapMb, "N0"),
            ResultRow.Single("peak GC committed MiB", memory.PeakGcCommittedMb, "N0"),
            ResultRow.Compare("process CPU ms per dispute (service alone / baseline's client)", CpuPerDispute(cpu, outcome.Opened), CpuPerDispute(baselineCpu, baseline.Completed), "N2"),
            ResultRow.Single("load clients' CPU ms per dispute (their own process)", CpuPerDispute(outcome.ClientCpu, outcome.Opened), "N2"),
            new ResultRow("process CPU, share of all cores", Percent(cpu.ShareOfMachine), Percent(baselineCpu.ShareOfMachine)),
        ], figures,
        [
            $"{context.Clients} concurrent HTTP/1.1 clients on loopback, each sending its next intake when the last one answered, over {accounts.Count} accounts registered through the API; warm-up {context.Scale.IntakeWarmup.TotalSeconds:0} s not counted.",
            $"The service runs as Program.cs wires it, in the Production environment (the committed generated handler code), with a bearer token from its own issuer; its per-client intake rate limit is raised ({ServiceHost.IntakeLimitKey}) so the one benchmark client is not throttled.",
            "Baseline (after the same warm-up): the same number of transactions from the same number of workers with plain Npgsql, no HTTP: read the account, look for the dispute, draw a case number, then insert copies of the rows the service wrote for one dispute (stream, events, dispute document, 2 clock rows, its deadline-timer rows and any durable envelope naming it) into LIKE-copies of its tables.",
            "Memory and CPU are the service's own: the load clients run in a process of their own (Disputes.Bench intake-clients), whose CPU is shown apart; the baseline's CPU is its Npgsql client only; PostgreSQL's CPU is not counted.",
            .. errorKinds.Select(e => $"error seen {e.Value}x: {e.Key}"),
        ]);
    }

    private static double CpuPerDispute(CpuFigures cpu, long disputes) => cpu.ProcessCpuSeconds * 1000 / Math.Max(1, disputes);

    private static string Percent(double share) => share.ToString("P0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(RunOutcome Outcome, CpuFigures Cpu)> RunBaselineAsync(ScenarioContext context, BenchAccount account, long transactions, CancellationToken cancellation)
    {
        await using var dataSource = NpgsqlDataSource.Create(context.ConnectionString);
        var transaction = await PlainIntakeTransaction.PrepareAsync(dataSource, context.ConnectionString, account.AccountId, cancellation);
        await ConcurrentRunner.RunForAsync(context.Clients, context.Scale.IntakeWarmup, transaction.ExecuteAsync, null, cancellation);
        long done = 0;
        context.Progress.Line($"intake: baseline, {transactions} plain Npgsql transactions from {context.Clients} workers");
        var meter = CpuMeter.Start();
        await using (context.Progress.Every("intake baseline", () => $"{Interlocked.Read(ref done)} transactions"))
        {
            var outcome = await ConcurrentRunner.RunCountAsync(context.Clients, Math.Max(1, transactions), transaction.ExecuteAsync,
                () => Interlocked.Increment(ref done), cancellation);
            return (outcome, meter.Stop());
        }
    }
}

/// <summary>The figures of <c>intake</c>.</summary>
public sealed record IntakeFigures(
    int Clients,
    double DurationSeconds,
    bool Authenticated,
    IntakeFigures.Side Service,
    IntakeFigures.Side Baseline,
    double IntakeToBaseline,
    MemoryFigures Memory,
    CpuFigures ProcessCpu,
    CpuFigures BaselineProcessCpu,
    double CpuMsPerDispute,
    double BaselineCpuMsPerDispute,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    /// <summary>One side of the comparison.</summary>
    public sealed record Side(long Disputes, long Errors, double DisputesPerSecond, LatencySummary LatencyMs);
}

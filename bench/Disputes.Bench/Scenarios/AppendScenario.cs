using Disputes.Bench.Baseline;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Workload;
using Disputes.Domain.Disputes;
using Marten;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>append</c>: dispute streams appended straight through Marten (inline projections included), one dispute per
/// transaction from concurrent writers and many per transaction from one writer, against plain Npgsql writing the
/// same rows: batched INSERTs per transaction, and binary COPY.
/// </summary>
public sealed class AppendScenario : IScenario
{
    private const int EventsPerDispute = 5;

    public string Name => "append";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var scale = context.Scale;
        var histories = new HistorySource();
        AppendMode single, batched, plainSingle, copy;
        await using (var bench = await BenchStore.OpenAsync(context.ConnectionString, cancellation))
        {
            await ConcurrentRunner.RunCountAsync(context.Clients, 50, ct => AppendOneAsync(bench.Store, histories.Next(), ct), null, cancellation);
            single = await MeasureAsync(context, "Marten, 1 dispute per transaction", scale.AppendSingleDisputes, done =>
                ConcurrentRunner.RunCountAsync(context.Clients, scale.AppendSingleDisputes,
                    ct => AppendOneAsync(bench.Store, histories.Next(), ct), done, cancellation));
            batched = await MeasureAsync(context, $"Marten, {scale.AppendBatchSize} disputes per transaction", scale.AppendBatchedDisputes, done =>
                InBatchesAsync(scale.AppendBatchedDisputes, scale.AppendBatchSize,
                    (count, ct) => AppendManyAsync(bench.Store, histories, count, ct), done, cancellation));
        }

        await using (var dataSource = NpgsqlDataSource.Create(context.ConnectionString))
        {
            await using var pick = dataSource.CreateCommand("select id from disputes.mt_doc_dispute limit 1");
            var template = await DisputeRowTemplate.CaptureAsync(context.ConnectionString,
                (Guid)(await pick.ExecuteScalarAsync(cancellation))!, withTimers: false, cancellation);
            await ScratchTables.CreateAsync(dataSource, ScratchTables.DisputeTables, cancellation);
            var rows = new TemplateRows(template);
            plainSingle = await MeasureAsync(context, "Npgsql INSERT, 1 dispute per transaction", scale.AppendSingleDisputes, done =>
                ConcurrentRunner.RunCountAsync(context.Clients, scale.AppendSingleDisputes, async ct =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync(ct);
                    await PlainWriter.InsertAsync(connection, rows.Next(), ct);
                }, done, cancellation));
            copy = await MeasureAsync(context, $"Npgsql binary COPY, {scale.AppendBatchSize} disputes per transaction", scale.AppendBatchedDisputes, done =>
                InBatchesAsync(scale.AppendBatchedDisputes, scale.AppendBatchSize, async (count, ct) =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync(ct);
                    await PlainWriter.CopyAsync(connection, [.. Enumerable.Range(0, count).Select(_ => rows.Next())], ct);
                }, done, cancellation));
        }

        var figures = new AppendFigures(EventsPerDispute, context.Clients, scale.AppendBatchSize, single, batched, plainSingle, copy,
            Ratio(single, plainSingle), Ratio(batched, copy), Ratio(single, copy));
        return new ScenarioResult(
        [
            new ResultRow($"events/s, 1 dispute per tx ({context.Clients} writers) vs Npgsql INSERT", F(single), F(plainSingle), R(single, plainSingle)),
            new ResultRow($"events/s, {scale.AppendBatchSize} disputes per tx (1 writer) vs binary COPY", F(batched), F(copy), R(batched, copy)),
            new ResultRow("events/s, 1 dispute per tx vs binary COPY", F(single), F(copy), R(single, copy)),
            ResultRow.Compare("process CPU µs per event, 1 per tx vs INSERT", CpuPerEvent(single), CpuPerEvent(plainSingle), "N0"),
            ResultRow.Compare("process CPU µs per event, batched vs COPY", CpuPerEvent(batched), CpuPerEvent(copy), "N0"),
            new ResultRow("disputes / events appended", $"{single.Disputes + batched.Disputes} / {single.Events + batched.Events}",
                $"{plainSingle.Disputes + copy.Disputes} / {plainSingle.Events + copy.Events}"),
        ], figures,
        [
            $"Each dispute is a stream of {EventsPerDispute} events (opened, acknowledged, note, merchant contacted, resolved) started with session.Events.StartStream; Marten also writes the inline projections (Dispute document, 2 ClockRow documents) in the same transaction.",
            "Baselines write copies of the rows Marten wrote for one of these disputes (stream, 5 events, dispute document, 2 clock rows) into LIKE-copies of its tables, with a sequence default for seq_id; the COPY rows are made per batch inside the timing.",
        ]);
    }

    private static double CpuPerEvent(AppendMode mode) => mode.ProcessCpu.ProcessCpuSeconds * 1e6 / Math.Max(1, mode.Events);

    private static double Ratio(AppendMode service, AppendMode baseline) => Math.Round(service.EventsPerSecond / baseline.EventsPerSecond, 3);

    private static string F(AppendMode mode) => mode.EventsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string R(AppendMode service, AppendMode baseline) => Ratio(service, baseline).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<AppendMode> MeasureAsync(ScenarioContext context, string name, int disputes, Func<Action, Task> run)
    {
        long done = 0;
        context.Progress.Line($"append: {name}: {disputes} disputes");
        var meter = CpuMeter.Start();
        await using (context.Progress.Every("append", () => $"{name}: {Interlocked.Read(ref done)} disputes"))
        {
            await run(() => Interlocked.Increment(ref done));
        }

        var cpu = meter.Stop();
        return new AppendMode(name, disputes, disputes * EventsPerDispute, cpu.WallSeconds, Math.Round(disputes * EventsPerDispute / cpu.WallSeconds, 1), cpu);
    }

    private static async Task InBatchesAsync(int total, int batchSize, Func<int, CancellationToken, Task> batch, Action done, CancellationToken cancellation)
    {
        for (var written = 0; written < total; written += batchSize)
        {
            var count = Math.Min(batchSize, total - written);
            await batch(count, cancellation);
            for (var i = 0; i < count; i++)
            {
                done();
            }
        }
    }

    private static async Task AppendOneAsync(IDocumentStore store, IReadOnlyList<object> history, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream<Dispute>(((DisputeOpened)history[0]).DisputeId, [.. history]);
        await session.SaveChangesAsync(cancellation);
    }

    private static async Task AppendManyAsync(IDocumentStore store, HistorySource histories, int count, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        for (var i = 0; i < count; i++)
        {
            var history = histories.Next();
            session.Events.StartStream<Dispute>(((DisputeOpened)history[0]).DisputeId, [.. history]);
        }

        await session.SaveChangesAsync(cancellation);
    }

    /// <summary>Histories of new disputes, received over the last 20 days on 64 accounts.</summary>
    private sealed class HistorySource
    {
        private readonly IReadOnlyList<BenchAccount> _accounts = BenchAccounts.Create(64);
        private readonly DisputeFactory _factory = new();
        private readonly Instant _now = SystemClock.Instance.GetCurrentInstant();
        private long _next;

        public IReadOnlyList<object> Next()
        {
            var n = Interlocked.Increment(ref _next);
            var receivedAt = _now - Duration.FromMinutes(n % (20 * 24 * 60));
            return DisputeFactory.History(_factory.Open(_accounts[(int)(n % _accounts.Count)], receivedAt, _now), EventsPerDispute);
        }
    }

    /// <summary>Copies of the template's rows, each with a new dispute id and case number.</summary>
    private sealed class TemplateRows(DisputeRowTemplate template)
    {
        private long _next;

        public IReadOnlyList<TableRows> Next() => template.For(Guid.NewGuid(), $"BSL-2025-{Interlocked.Increment(ref _next):00000000}");
    }
}

/// <summary>The figures of <c>append</c>.</summary>
public sealed record AppendFigures(
    int EventsPerDispute,
    int ConcurrentWriters,
    int BatchSize,
    AppendMode MartenOnePerTransaction,
    AppendMode MartenBatched,
    AppendMode NpgsqlInsertOnePerTransaction,
    AppendMode NpgsqlBinaryCopy,
    double OnePerTransactionToInsert,
    double BatchedToCopy,
    double OnePerTransactionToCopy);

/// <summary>One way of appending.</summary>
public sealed record AppendMode(string Name, long Disputes, long Events, double Seconds, double EventsPerSecond, CpuFigures ProcessCpu);

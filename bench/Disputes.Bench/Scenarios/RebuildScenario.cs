using Disputes.Bench.Infrastructure;
using Disputes.Bench.Workload;
using Disputes.Projections.Accounts;
using Disputes.Projections.Compliance;
using Disputes.Projections.Disputes;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>rebuild</c>: every projection of the service rebuilt from the event log through Marten's projection daemon,
/// against reading every event row with plain Npgsql (the physical limit of reading the log).
/// </summary>
public sealed class RebuildScenario : IScenario
{
    private static readonly Type[] Projections = [typeof(DisputeProjection), typeof(ClockRowProjection), typeof(AccountProjection), typeof(ComplianceDayProjection)];

    // A raw IProjection is registered by name, not found by its type.
    private static readonly string[] NamedProjections = [ClockTallyProjection.ProjectionName];

    public string Name => "rebuild";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var disputes = Math.Max(1, context.Scale.RebuildEvents / EventLogSeeder.EventsPerDispute);
        await using var bench = await BenchStore.OpenAsync(context.ConnectionString, cancellation);
        var seeder = new EventLogSeeder();
        var seeded = 0;
        context.Progress.Line($"rebuild: seeding {disputes} dispute streams of {EventLogSeeder.EventsPerDispute} events (Marten bulk event insert)");
        await using (context.Progress.Every("rebuild seed", () => $"{Volatile.Read(ref seeded)} streams"))
        {
            await seeder.SeedAsync(bench.Store, disputes, n => Volatile.Write(ref seeded, n), cancellation);
        }

        await using var plain = NpgsqlDataSource.Create(context.ConnectionString);
        await ExecuteAsync(plain, "vacuum analyze disputes.mt_events", cancellation);
        var events = await ScalarAsync(plain, "select count(*) from disputes.mt_events", cancellation);

        context.Progress.Line($"rebuild: baseline, reading {events} event rows with plain Npgsql (twice; the second counts)");
        await ReadAllAsync(plain, cancellation);
        var reading = CpuMeter.Start();
        await ReadAllAsync(plain, cancellation);
        var readCpu = reading.Stop();
        var read = TimeSpan.FromSeconds(readCpu.WallSeconds);
        var readRate = events / read.TotalSeconds;

        context.Progress.Line("rebuild: where a fold's time goes: the events read and deserialized through Marten, then folded in memory");
        var breakdown = await FoldBreakdown.MeasureAsync(bench.Store, cancellation);

        var rebuilds = new List<ProjectionRebuild>();
        var daemon = await bench.Store.BuildProjectionDaemonAsync();
        try
        {
            foreach (var projection in Projections)
            {
                context.Progress.Line($"rebuild: {projection.Name}");
                var meter = CpuMeter.Start();
                await using (context.Progress.Every("rebuild", () => $"{projection.Name} running"))
                {
                    await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(60), cancellation);
                }

                var cpu = meter.Stop();
                rebuilds.Add(new ProjectionRebuild(projection.Name, cpu.WallSeconds, Math.Round(events / cpu.WallSeconds, 1), cpu));
            }

            foreach (var projection in NamedProjections)
            {
                context.Progress.Line($"rebuild: {projection}");
                var meter = CpuMeter.Start();
                await using (context.Progress.Every("rebuild", () => $"{projection} running"))
                {
                    await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(60), cancellation);
                }

                var cpu = meter.Stop();
                rebuilds.Add(new ProjectionRebuild(projection, cpu.WallSeconds, Math.Round(events / cpu.WallSeconds, 1), cpu));
            }
        }
        finally
        {
            await daemon.StopAllAsync();
            daemon.Dispose();
        }

        var documents = new RebuiltDocuments(
            await ScalarAsync(plain, "select count(*) from disputes.mt_doc_dispute", cancellation),
            await ScalarAsync(plain, "select count(*) from disputes.mt_doc_clockrow", cancellation),
            await ScalarAsync(plain, "select count(*) from disputes.mt_doc_account", cancellation));
        var total = rebuilds.Sum(r => r.Seconds);
        var allRate = events / total;
        var figures = new RebuildFigures(events, disputes, Math.Round(read.TotalSeconds, 2), Math.Round(readRate, 1), readCpu, rebuilds,
            Math.Round(total, 2), Math.Round(allRate, 1), Math.Round(allRate / readRate, 4), documents, breakdown);
        var rows = rebuilds.Select(r => ResultRow.Compare($"events/s, {r.Projection}", r.EventsPerSecond, readRate, "N0")).ToList();
        rows.Add(ResultRow.Compare("events/s, all projections (log read once per projection)", allRate, readRate, "N0"));
        rows.AddRange(rebuilds.Select(r => ResultRow.Compare($"process CPU µs per event, {r.Projection}",
            r.ProcessCpu.ProcessCpuSeconds * 1e6 / events, readCpu.ProcessCpuSeconds * 1e6 / events, "N1")));
        rows.Add(ResultRow.Compare("process CPU µs per event, read + deserialized by Marten (no fold, no write)", breakdown.ReadCpuMicrosPerEvent, readCpu.ProcessCpuSeconds * 1e6 / events, "N1"));
        rows.Add(ResultRow.Compare("process CPU µs per event, the dispute fold alone (in memory)", breakdown.FoldCpuMicrosPerEvent, readCpu.ProcessCpuSeconds * 1e6 / events, "N1"));
        rows.Add(new ResultRow("events / rebuilt documents (dispute, clock rows, account)", $"{events}",
            $"{documents.Disputes} / {documents.ClockRows} / {documents.Accounts}"));
        return new ScenarioResult(rows, figures,
        [
            "Rebuild: Marten's projection daemon (store.BuildProjectionDaemonAsync, RebuildProjectionAsync) for each of the service's projections in turn (three inline, ComplianceDay asynchronous), each rebuilt from the whole log. events/s = events in the log / rebuild time.",
            "Baseline: one plain Npgsql query reading every column of every mt_events row in sequence order (the second of two reads, cache warm like the rebuild's).",
            "Where the time goes: every event read through Marten's raw event query in sequence pages of 10,000 (deserialized to its .NET type, nothing written), then the same events folded in memory with DisputeProjection's Evolve (the domain's), each timed alone on this process's CPU; what the daemon's rebuild costs beyond their sum is its own bookkeeping and the writes.",
            "Seeded with Marten's bulk event insert (BulkInsertEventsAsync): streams of opened, acknowledged, notes, merchant contact, documents, provisional credit, finance charges, resolved.",
        ]);
    }

    private static async Task ReadAllAsync(NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("select * from disputes.mt_events order by seq_id");
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync(cancellation))
        {
            reader.GetValues(values);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellation);
    }
}

/// <summary>The figures of <c>rebuild</c>.</summary>
public sealed record RebuildFigures(
    long Events,
    int DisputeStreams,
    double BaselineReadSeconds,
    double BaselineEventsPerSecond,
    CpuFigures BaselineProcessCpu,
    IReadOnlyList<ProjectionRebuild> Projections,
    double AllProjectionsSeconds,
    double AllProjectionsEventsPerSecond,
    double AllToBaseline,
    RebuiltDocuments Documents,
    FoldBreakdown FoldBreakdown);

/// <summary>One projection's rebuild.</summary>
public sealed record ProjectionRebuild(string Projection, double Seconds, double EventsPerSecond, CpuFigures ProcessCpu);

/// <summary>Documents after the rebuild.</summary>
public sealed record RebuiltDocuments(long Disputes, long ClockRows, long Accounts);

/// <summary>What reading the log through Marten and folding it cost, each measured alone, in process CPU per event.</summary>
/// <param name="Events">How many events were read.</param>
/// <param name="ReadCpuMicrosPerEvent">Reading and deserializing, in µs of process CPU per event.</param>
/// <param name="FoldCpuMicrosPerEvent">Folding the read events with the dispute projection's <c>Evolve</c>, in µs of process CPU per event.</param>
public sealed record FoldBreakdown(long Events, double ReadCpuMicrosPerEvent, double FoldCpuMicrosPerEvent)
{
    private const long Page = 10_000;

    /// <summary>Reads every event of <paramref name="store"/> in pages, then folds them; a small log fits in memory.</summary>
    public static async Task<FoldBreakdown> MeasureAsync(Marten.IDocumentStore store, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var events = new List<JasperFx.Events.IEvent>();
        var reading = CpuMeter.Start();
        var last = (await session.QueryAsync<long>("select coalesce(max(seq_id), 0) from disputes.mt_events", cancellation))[0];
        for (long from = 0; from < last; from += Page)
        {
            var upTo = from + Page;
            events.AddRange(await Marten.QueryableExtensions.ToListAsync(
                session.Events.QueryAllRawEvents().Where(e => e.Sequence > from && e.Sequence <= upTo).OrderBy(e => e.Sequence), cancellation));
        }

        var read = reading.Stop();
        var projection = new DisputeProjection();
        var folded = new Dictionary<Guid, Disputes.Domain.Disputes.Dispute?>();
        var folding = CpuMeter.Start();
        foreach (var e in events)
        {
            folded.TryGetValue(e.StreamId, out var snapshot);
            folded[e.StreamId] = projection.Evolve(snapshot, e.StreamId, e);
        }

        var fold = folding.Stop();
        return new FoldBreakdown(events.Count,
            Math.Round(read.ProcessCpuSeconds * 1e6 / Math.Max(1, events.Count), 2), Math.Round(fold.ProcessCpuSeconds * 1e6 / Math.Max(1, events.Count), 2));
    }
}

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
            Math.Round(total, 2), Math.Round(allRate, 1), Math.Round(allRate / readRate, 4), documents);
        var rows = rebuilds.Select(r => ResultRow.Compare($"events/s, {r.Projection}", r.EventsPerSecond, readRate, "N0")).ToList();
        rows.Add(ResultRow.Compare("events/s, all projections (log read once per projection)", allRate, readRate, "N0"));
        rows.AddRange(rebuilds.Select(r => ResultRow.Compare($"process CPU µs per event, {r.Projection}",
            r.ProcessCpu.ProcessCpuSeconds * 1e6 / events, readCpu.ProcessCpuSeconds * 1e6 / events, "N1")));
        rows.Add(new ResultRow("events / rebuilt documents (dispute, clock rows, account)", $"{events}",
            $"{documents.Disputes} / {documents.ClockRows} / {documents.Accounts}"));
        return new ScenarioResult(rows, figures,
        [
            "Rebuild: Marten's projection daemon (store.BuildProjectionDaemonAsync, RebuildProjectionAsync) for each of the service's projections in turn (three inline, ComplianceDay asynchronous), each rebuilt from the whole log. events/s = events in the log / rebuild time.",
            "Baseline: one plain Npgsql query reading every column of every mt_events row in sequence order (the second of two reads, cache warm like the rebuild's).",
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
    RebuiltDocuments Documents);

/// <summary>One projection's rebuild.</summary>
public sealed record ProjectionRebuild(string Projection, double Seconds, double EventsPerSecond, CpuFigures ProcessCpu);

/// <summary>Documents after the rebuild.</summary>
public sealed record RebuiltDocuments(long Disputes, long ClockRows, long Accounts);

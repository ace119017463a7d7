using System.Diagnostics;
using System.Text;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Workload;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>query</c>: the compliance deadline list (several filters) and summary over a seeded portfolio, through the
/// service's own query objects on Marten, against the very same SQL sent with plain Npgsql; with each query's plan.
/// </summary>
public sealed class QueryScenario : IScenario
{
    private const int Warmup = 2;

    public string Name => "query";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        await using var bench = await BenchStore.OpenAsync(context.ConnectionString, cancellation);
        var seeded = 0;
        var seeding = Stopwatch.StartNew();
        context.Progress.Line($"query: seeding {context.Scale.QueryDisputes} disputes (Marten bulk insert of Dispute and ClockRow documents)");
        await using (context.Progress.Every("query seed", () => $"{Volatile.Read(ref seeded)} disputes"))
        {
            await new PortfolioSeeder(now).SeedAsync(bench.Store, context.Scale.QueryDisputes, n => Volatile.Write(ref seeded, n), cancellation);
        }

        var seedSeconds = seeding.Elapsed.TotalSeconds;
        await ExecuteAsync(bench.DataSource, "vacuum analyze disputes.mt_doc_clockrow; vacuum analyze disputes.mt_doc_dispute", cancellation);

        var results = new List<ShapeFigures>();
        foreach (var shape in QueryShape.All(now))
        {
            context.Progress.Line($"query: {shape.Name}");
            results.Add(await MeasureAsync(context, bench, shape, cancellation));
        }

        var rows = results.SelectMany(r => new[]
        {
            ResultRow.Compare($"{r.Shape}: p50 ms", r.Service.P50, r.Baseline.P50, "N2"),
            ResultRow.Compare($"{r.Shape}: p99 ms", r.Service.P99, r.Baseline.P99, "N2"),
        }).ToList();
        var summary = results.Single(r => r.Shape == QueryShape.Summary);
        var before = results.Single(r => r.Shape == QueryShape.SummaryOverEveryClockRow);
        rows.Add(ResultRow.Compare("compliance summary against the summary as read before: p50 ms", summary.Service.P50, before.Service.P50, "N2"));
        rows.Add(ResultRow.Compare("compliance summary against the summary as read before: p99 ms", summary.Service.P99, before.Service.P99, "N2"));
        rows.Add(await SummaryFiguresAsync(bench, now, cancellation));
        rows = rows.Append(new ResultRow("disputes seeded / clock rows", $"{context.Scale.QueryDisputes} / {context.Scale.QueryDisputes * 2}")).ToList();
        return new ScenarioResult(rows, new QueryFigures(context.Scale.QueryDisputes, context.Scale.QueryDisputes * 2L, Math.Round(seedSeconds, 1), results),
        [
            "Seeded with Marten bulk insert of the documents the inline projections write (Dispute, 2 ClockRows per dispute), folded with the domain's Evolve from generated histories over 150 days, and the clock tally the asynchronous ClockTallyProjection keeps over those rows; then VACUUM ANALYZE.",
            "Every figure of the summary comes from the clock tally (with its freshness read from mt_event_progression): counts per clock and status and the exposure from clock_tally, disputes due soon and clocks and disputes breached in the period summed over the breach instants in each window from clock_tally_instants (clocks per instant, less disputes per pair of instants both in the window); the shape 'counted over every clock row' is the summary as it was read before (group-by over every ClockRow, disputes by count(distinct)), measured in the same run as its baseline, and the figures of both are compared (the scenario fails when they differ).",
            "Service: DeadlineListQuery / ComplianceSummaryQuery on a Marten query session, results deserialized. Baseline: the identical SQL and parameters (recorded from the Marten session) sent with plain Npgsql, rows read as raw values.",
            "Each shape's EXPLAIN (ANALYZE, BUFFERS) is in the JSON (figures.shapes[].plans).",
        ]);
    }

    // The summary's window figures as the tally gives them, against count(distinct) over every clock row.
    private static async Task<ResultRow> SummaryFiguresAsync(BenchStore bench, Instant now, CancellationToken cancellation)
    {
        await using var session = bench.Store.QuerySession();
        var query = new Disputes.Projections.Compliance.ComplianceSummaryQuery(now, Duration.FromDays(7), now - Duration.FromDays(30), now);
        var tally = await query.RunAsync(session, cancellation);
        var counted = await query.RunOverEveryClockRowAsync(session, cancellation);
        var figures = $"{tally.DisputesDueSoon} / {tally.BreachedClocks} / {tally.BreachedDisputes}";
        var expected = $"{counted.DisputesDueSoon} / {counted.BreachedClocks} / {counted.BreachedDisputes}";
        return figures == expected
            ? new ResultRow("summary: disputes due soon / clocks / disputes breached in the period (tally; count over every clock row)", figures, expected)
            : throw new InvalidOperationException($"The summary's tally gives {figures} (due soon / breached clocks / breached disputes), the clock rows {expected}.");
    }

    private static async Task<ShapeFigures> MeasureAsync(ScenarioContext context, BenchStore bench, QueryShape shape, CancellationToken cancellation)
    {
        var recorder = new CommandRecorder();
        long matched;
        await using (var session = bench.Store.QuerySession())
        {
            session.Logger = recorder;
            matched = await shape.Run(session, cancellation);
        }

        var service = await TimeAsync(context.Scale, async () =>
        {
            await using var session = bench.Store.QuerySession();
            await shape.Run(session, cancellation);
        });

        await using var connection = await bench.DataSource.OpenConnectionAsync(cancellation);
        var baseline = await TimeAsync(context.Scale, async () =>
        {
            foreach (var recorded in recorder.Commands)
            {
                await using var command = recorded.ToCommand(connection);
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync(cancellation))
                {
                    reader.GetValues(values);
                }
            }
        });

        var plans = new List<string>();
        foreach (var recorded in recorder.Commands)
        {
            plans.Add(await ExplainAsync(connection, recorded, cancellation));
        }

        return new ShapeFigures(shape.Name, matched, recorder.Commands.Count, service, baseline,
            Math.Round(service.P50 / Math.Max(baseline.P50, 0.001), 3), recorder.Commands.Select(c => c.Sql).ToList(), plans);
    }

    /// <summary>Runs <paramref name="query"/> a few times unmeasured, then measured until the scale's count or time budget is reached.</summary>
    private static async Task<LatencySummary> TimeAsync(BenchScale scale, Func<Task> query)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await query();
        }

        var timings = new List<double>();
        var budget = Stopwatch.StartNew();
        while (timings.Count < scale.QueryIterations && (timings.Count < 3 || budget.Elapsed < scale.QueryBudget))
        {
            var started = Stopwatch.GetTimestamp();
            await query();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return LatencySummary.Of(timings);
    }

    private static async Task<string> ExplainAsync(NpgsqlConnection connection, RecordedCommand recorded, CancellationToken cancellation)
    {
        await using var command = recorded.ToCommand(connection, "explain (analyze, buffers) ");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var plan = new StringBuilder();
        while (await reader.ReadAsync(cancellation))
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellation)
    {
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = dataSource.CreateCommand(statement);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }
}

/// <summary>The figures of <c>query</c>.</summary>
public sealed record QueryFigures(int Disputes, long ClockRows, double SeedSeconds, IReadOnlyList<ShapeFigures> Shapes);

/// <summary>One query shape: service and baseline latency, the SQL and its plans.</summary>
public sealed record ShapeFigures(
    string Shape,
    long Matched,
    int Statements,
    LatencySummary Service,
    LatencySummary Baseline,
    double P50ToBaseline,
    IReadOnlyList<string> Sql,
    IReadOnlyList<string> Plans);

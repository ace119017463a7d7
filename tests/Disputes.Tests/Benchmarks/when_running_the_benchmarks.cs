using System.Text.Json;
using Disputes.Bench;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Benchmarks;

/// <summary>
/// The benchmark harness (bench/Disputes.Bench) keeps working: every scenario runs at the tiny scale against a
/// fresh database and writes its result file with non-zero counts. Benchmarks are not tests: nothing here checks
/// a timing.
/// </summary>
public sealed class when_running_the_benchmarks
{
    [Fact]
    public async Task every_scenario_runs_at_tiny_scale_and_writes_its_results()
    {
        var server = await PostgresServer.SharedAsync();
        var name = $"bench_{Guid.NewGuid():N}"[..18];
        var connectionString = await server.CreateDatabaseAsync(name);
        var resultsDirectory = Directory.CreateTempSubdirectory("disputes-bench-").FullName;
        var output = new StringWriter();
        try
        {
            var runs = await BenchRunner.RunAsync(new BenchOptions
            {
                Scale = BenchScale.Tiny,
                ConnectionString = connectionString,
                ResultsDirectory = resultsDirectory,
                DatabasePrefix = name,
                Clients = 4,
            }, output, TestContext.Current.CancellationToken);

            Assert.Equal(BenchOptions.AllScenarios, runs.Select(r => r.Scenario));
            Assert.All(runs, run => Assert.True(run.Succeeded, $"{run.Scenario} failed: {run.Error}\n{output}"));
            foreach (var scenario in BenchOptions.AllScenarios)
            {
                using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(resultsDirectory, $"{scenario}.json")));
                var figures = result.RootElement.GetProperty("figures");
                foreach (var count in Counts(scenario, figures))
                {
                    Assert.True(count > 0, $"{scenario}: a count is zero in {figures}");
                }
            }
        }
        finally
        {
            Directory.Delete(resultsDirectory, recursive: true);
        }
    }

    /// <summary>The counts each scenario's figures must have above zero.</summary>
    private static IEnumerable<long> Counts(string scenario, JsonElement figures) => scenario switch
    {
        "intake" => [Long(figures, "service", "disputes"), Long(figures, "baseline", "disputes")],
        "lag" => [Long(figures, "serviceLagMs", "count"), Long(figures, "baselineLagMs", "count")],
        "append" =>
        [
            Long(figures, "martenOnePerTransaction", "events"), Long(figures, "martenBatched", "events"),
            Long(figures, "npgsqlInsertOnePerTransaction", "events"), Long(figures, "npgsqlBinaryCopy", "events"),
        ],
        "query" => figures.GetProperty("shapes").EnumerateArray()
            .SelectMany(shape => new[] { Long(shape, "service", "count"), Long(shape, "baseline", "count"), shape.GetProperty("plans").GetArrayLength() })
            .Append(figures.GetProperty("shapes").GetArrayLength()),
        "timers" => [Long(figures, "service", "tally", "recorded"), Long(figures, "hangfire", "tally", "recorded")],
        "rebuild" => [Long(figures, "events"), Long(figures, "documents", "disputes"), Long(figures, "documents", "clockRows")],
        "screening" =>
        [
            Long(figures, "fieldChars"), Long(figures, "fields"),
            Long(figures, "screenAscii", "calls"), Long(figures, "digitScanAscii", "calls"),
            Long(figures, "screenAccented", "calls"), Long(figures, "normalizeAccented", "calls"),
        ],
        "webhooks" =>
        [
            Long(figures, "intake", "saturated", "without", "disputes"), Long(figures, "intake", "saturated", "with", "disputes"),
            Long(figures, "intake", "saturated", "deliveries"), Long(figures, "intake", "paced", "with", "disputes"), Long(figures, "intake", "paced", "deliveries"),
            Long(figures, "delivery", "service", "received"), Long(figures, "delivery", "baseline", "received"),
        ],
        "notices" => [Long(figures, "acknowledgment", "count"), Long(figures, "note", "count"), Long(figures, "render", "count"), Long(figures, "pdfBytes")],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    private static long Long(JsonElement element, params string[] path) =>
        path.Aggregate(element, (current, name) => current.GetProperty(name)).GetInt64();
}

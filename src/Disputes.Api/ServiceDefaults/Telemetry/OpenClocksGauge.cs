using System.Diagnostics.Metrics;
using Disputes.Projections.Compliance;
using Marten;

namespace Disputes.Api.ServiceDefaults.Telemetry;

/// <summary>
/// Refreshes the clock counts by clock and status every 30 seconds for the <c>disputes.clocks</c> gauge, so a scrape
/// never waits on a query and a busy scrape schedule never loads the database. The counts are the clock tally's (the
/// asynchronous projection the compliance summary reads), a few rows on every node, rather than a count over every
/// clock row.
/// </summary>
public sealed class OpenClocksGauge(IDocumentStore store, DisputesMetrics metrics, ILogger<OpenClocksGauge> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private volatile IReadOnlyList<Measurement<long>> latest = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveOpenClocks(() => latest);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = store.QuerySession();
                var (counts, _) = await ClockTally.ReadAsync(session, stoppingToken);
                latest = counts.Select(c => new Measurement<long>(c.Count,
                    new KeyValuePair<string, object?>("clock", c.Clock.ToString().ToLowerInvariant()),
                    new KeyValuePair<string, object?>("status", c.Status.ToString().ToLowerInvariant()))).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not refresh the open-clock counts; keeping the last ones");
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

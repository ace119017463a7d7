using System.Diagnostics.Metrics;
using Disputes.Projections.Compliance;
using Marten;

namespace Disputes.Api.ServiceDefaults.Telemetry;

/// <summary>
/// Refreshes the open-clock counts by clock and status every 30 seconds for the <c>disputes.clocks</c> gauge,
/// so a scrape never waits on a query and a busy scrape schedule never loads the database.
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
                var counts = await ComplianceSummaryQuery.CountClocksAsync(session, stoppingToken);
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

using System.Diagnostics.Metrics;
using Disputes.Projections;
using Disputes.Projections.Progress;
using Marten;

namespace Disputes.Api.ServiceDefaults.Telemetry;

/// <summary>
/// Reads every five seconds how far each asynchronous projection trails the event log, for the
/// <c>disputes.projection.lag</c> and <c>disputes.projection.events_behind</c> gauges and the readiness check,
/// so neither a scrape nor a load balancer's probe queries the database. Every node reports the same figures: the
/// lag is a property of the shared database, whichever node runs the projection. The webhook dispatch is read too: it
/// trails the log the same way, and while it does, no receiver hears of what happened.
/// </summary>
public sealed class ProjectionLagMonitor(IDocumentStore store, DisputesMetrics metrics, ILogger<ProjectionLagMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly IReadOnlyList<string> Watched = [.. DisputesProjections.Asynchronous, Webhooks.Delivering.WebhookDispatch.SubscriptionNameInStore];
    private volatile IReadOnlyList<ProjectionLag> latest = [];

    /// <summary>The last figures read, one per asynchronous projection; empty until the first read.</summary>
    public IReadOnlyList<ProjectionLag> Latest => latest;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveProjectionLag(
            () => latest.Select(l => new Measurement<long>(l.EventsBehind, Tag(l))),
            () => latest.Select(l => new Measurement<double>(l.SecondsBehind, Tag(l))));
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var session = store.QuerySession();
                latest = await ProjectionLag.ReadAsync(session, Watched, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the projection lag; keeping the last figures");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static KeyValuePair<string, object?> Tag(ProjectionLag lag) => new("projection", lag.Projection);

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using Disputes.Domain.Disputes;
using Marten;
using Marten.Services;
using NodaTime;

namespace Disputes.Api.ServiceDefaults.Telemetry;

/// <summary>
/// Counts what was committed, whoever committed it (an endpoint, a timer, a recompute): it reads the events
/// of each commit, so no code path can forget to count.
/// </summary>
public sealed class CommittedEventsMetrics(DisputesMetrics metrics, IClock clock, ILogger<CommittedEventsMetrics> logger) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            switch (e.Data)
            {
                case DisputeOpened opened:
                    metrics.DisputesOpened.Add(1);
                    logger.LogInformation("Dispute {DisputeId} opened as {CaseNumber} (correlation {CorrelationId})",
                        opened.DisputeId, opened.CaseNumber, session.CorrelationId);
                    break;
                case DeadlineBreached breached:
                    var clockName = breached.Clock.ToString().ToLowerInvariant();
                    metrics.Breaches.Add(1, new KeyValuePair<string, object?>("clock", clockName));
                    metrics.TimerLateness.Record((clock.GetCurrentInstant() - breached.BreachedAt).TotalSeconds,
                        new KeyValuePair<string, object?>("clock", clockName));
                    logger.LogWarning("The {Clock} clock of dispute {DisputeId} breached at {BreachedAt} (correlation {CorrelationId})",
                        clockName, e.StreamId, breached.BreachedAt, session.CorrelationId);
                    break;
            }
        }

        return Task.CompletedTask;
    }
}

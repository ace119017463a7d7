using System.Diagnostics;
using Disputes.Api.Disputes.Timing;
using Disputes.Bench.Workload;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Wolverine;
using Wolverine.Marten.Publishing;

namespace Disputes.Bench.Timers;

/// <summary>
/// Opens disputes in the running service the way <c>POST /api/disputes</c> does — the <c>dispute_opened</c> event
/// and the service's own <see cref="DeadlineTimers"/> scheduling their timers as durable Wolverine messages in the
/// same Marten transaction (the outbox) — many disputes per transaction, without HTTP.
/// </summary>
public sealed class ServiceTimerSeeder(IServiceProvider services, BenchAccount account)
{
    private const int Batch = 500;
    private readonly DisputeFactory _factory = new();

    /// <summary>Notices received at this instant are due for acknowledgment on the same day: one breach instant for all.</summary>
    public static readonly Instant ReceivedAt = Instant.FromUtc(2025, 3, 3, 15, 0);

    /// <summary>The service-clock instant the acknowledgment clock of every seeded dispute breaches.</summary>
    public Instant BreachInstant(Instant receivedAt) =>
        DeadlineInstants.BreachInstant(AcknowledgmentRule.DueOn(DeadlineInstants.LocalDateOf(receivedAt, account.Zone)), account.Zone);

    /// <summary>Opens <paramref name="count"/> disputes received at <paramref name="receivedAt"/>; returns disputes per second.</summary>
    public async Task<double> SeedAsync(int count, Instant receivedAt, IClock clock, Action<int> progress, CancellationToken cancellation)
    {
        var sessions = services.GetRequiredService<OutboxedSessionFactory>();
        var timers = services.GetRequiredService<DeadlineTimers>();
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < count; done += Batch)
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await using var session = sessions.OpenSession(bus);
            var disputes = new List<Dispute>(Batch);
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var opened = _factory.Open(account, receivedAt, clock.GetCurrentInstant());
                session.Events.StartStream<Dispute>(opened.DisputeId, opened);
                disputes.Add(Dispute.Start(opened));
            }

            await timers.ScheduleAsync(session, bus, disputes, cancellation: cancellation);

            await session.SaveChangesAsync(cancellation);
            progress(Math.Min(count, done + Batch));
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}

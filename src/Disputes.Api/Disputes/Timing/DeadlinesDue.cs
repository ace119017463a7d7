using System.Diagnostics;
using Disputes.Api.Hosting;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using Disputes.Domain.Holds;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Wolverine;

namespace Disputes.Api.Disputes.Timing;

/// <summary>
/// The sweep of one instant: every deadline timer due by <paramref name="At"/> is handled, in batches, once the
/// service's clock has reached it. Scheduled by <see cref="DeadlineTimers"/> once per instant, durable like every
/// scheduled message here.
/// </summary>
/// <param name="At">The instant the timers fall due, on the service clock.</param>
/// <param name="RunsAt">When the sweep was scheduled to run, in whole seconds of real time: with
/// <paramref name="At"/> the key of its row in <c>deadline_sweeps</c>.</param>
public sealed record DeadlinesDue(Instant At, Instant RunsAt);

/// <summary>
/// Records the warnings and breaches of the timers a <see cref="DeadlinesDue"/> sweeps: in each transaction it takes a
/// batch of due timers (locking their rows, and deleting them at the commit), loads their disputes in one round trip, lets the domain decide on each
/// dispute as it stands (<see cref="DeadlineTimer.Decide"/>, then the hold) and appends what it decided, each stream
/// checked against the version it was decided on.
/// </summary>
/// <remarks>
/// <para><b>Exactly once.</b> A timer's row is deleted in the transaction that appends its events, so a crash before the
/// commit leaves the row to the next try, and a commit leaves nothing to repeat. Two sweeps of one instant take disjoint
/// batches (<c>skip locked</c>); a command on a dispute between its load and the commit fails the batch on the stream's
/// version, and the batch is decided again on the new state, where a clock met in the meantime records no breach.</para>
/// <para><b>Bounded.</b> One handling works for at most <see cref="TimerDeliveryOptions.SweepSlice"/> and then sends
/// itself again for what is left, so a sweep of a million timers is never one long-running message, and a node that dies
/// mid-sweep leaves the message to be recovered and the rest of the rows untouched.</para>
/// </remarks>
public static class DeadlinesDueHandler
{
    private const int MaxBatchAttempts = 10;

    private static readonly string TakeBatch = $"""
        select fires_at, dispute_id, clock, due_on, lead_days from {DisputesStore.Schema}.{DeadlineTimers.TimersTable}
        where fires_at <= $1 order by fires_at, dispute_id limit $2 for update skip locked
        """;

    // Queued in the batch's session, so it commits with the events, and so the session always has something to commit
    // (a batch whose timers are all stale records nothing, and Marten commits no empty session).
    private static readonly string Remove = $"""
        delete from {DisputesStore.Schema}.{DeadlineTimers.TimersTable} timer
        using unnest(?::timestamptz[], ?::uuid[], ?::text[], ?::date[], ?::int[]) as taken(fires_at, dispute_id, clock, due_on, lead_days)
        where (timer.fires_at, timer.dispute_id, timer.clock, timer.due_on, timer.lead_days)
            = (taken.fires_at, taken.dispute_id, taken.clock, taken.due_on, taken.lead_days)
        """;

    /// <summary>Sweeps the timers due by <paramref name="due"/>'s instant.</summary>
    public static async Task HandleAsync(
        DeadlinesDue due, IDocumentStore store, NpgsqlDataSource dataSource, IMessageContext context, IClock clock,
        IOptions<TimerDeliveryOptions> options, CancellationToken cancellation)
    {
        // Waits for every transaction holding the row (the ones that added a timer relying on this sweep) to commit;
        // any timer added after this finds no row and schedules a sweep of its own.
        await using (var delete = dataSource.CreateCommand($"delete from {DisputesStore.Schema}.{DeadlineTimers.SweepsTable} where fires_at = $1 and runs_at = $2"))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = due.At });
            delete.Parameters.Add(new NpgsqlParameter { Value = due.RunsAt });
            await delete.ExecuteNonQueryAsync(cancellation);
        }

        // A sweep run before its instant on the service's clock (a clock set back since it was scheduled, a database
        // clock ahead of the service's) takes only the timers due by now, and comes again at its instant for the rest.
        var now = clock.GetCurrentInstant();
        var upTo = Instant.Min(due.At, now);
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.SweepWorkers)
            .Select(_ => SweepAsync(upTo, store, context, clock, settings, watch, cancellation));
        var finished = await Task.WhenAll(workers);
        if (!finished.All(done => done))
        {
            await context.PublishAsync(due);
        }
        else if (upTo < due.At)
        {
            await context.ScheduleAsync(due, (due.At - now).ToTimeSpan());
        }
    }

    /// <summary>Takes batches until none is left (true) or the slice is spent (false).</summary>
    private static async Task<bool> SweepAsync(
        Instant at, IDocumentStore store, IMessageContext context, IClock clock, TimerDeliveryOptions settings, Stopwatch watch,
        CancellationToken cancellation)
    {
        while (watch.Elapsed < settings.SweepSlice)
        {
            if (await RecordBatchAsync(at, store, context, clock, settings.SweepBatchSize, cancellation) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decides and appends one batch; returns how many timers it took (0 when none is due).</summary>
    private static async Task<int> RecordBatchAsync(
        Instant at, IDocumentStore store, IMessageContext context, IClock clock, int batchSize, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                session.LastModifiedBy = Identity.AuditStamp.TimerActor;
                session.CorrelationId = context.CorrelationId;
                session.CausationId = context.Envelope?.Id.ToString();
                await session.BeginTransactionAsync(cancellation);
                var taken = await TakeAsync(session.Connection, at, batchSize, cancellation);
                if (taken.Count == 0)
                {
                    return 0;
                }

                session.QueueSqlCommand(Remove,
                    taken.Select(t => t.FiresAt).ToArray(), taken.Select(t => t.Timer.DisputeId).ToArray(),
                    taken.Select(t => t.Timer.Clock.ToString()).ToArray(), taken.Select(t => t.Timer.DueOn).ToArray(),
                    taken.Select(t => t.LeadDays).ToArray());
                var timers = taken.Select(t => t.Timer).ToList();

                var reads = session.CreateBatchQuery();
                var streams = timers.Select(t => t.DisputeId).Distinct()
                    .ToDictionary(id => id, id => reads.Events.FetchForWriting<Dispute>(id));
                await reads.Execute(cancellation);
                var now = clock.GetCurrentInstant();
                foreach (var (id, fetch) in streams)
                {
                    var stream = await fetch;
                    if (stream.Aggregate is not { } dispute)
                    {
                        continue;
                    }

                    var recorded = new List<object>();
                    foreach (var timer in timers.Where(t => t.DisputeId == id))
                    {
                        var events = FollowDispute.WithHold(dispute, timer.Decide(dispute, now));
                        dispute = events.Aggregate(dispute, (d, e) => d.Evolve(e));
                        recorded.AddRange(events);
                    }

                    if (recorded.Count > 0)
                    {
                        stream.AppendMany(recorded);
                    }
                }

                await session.SaveChangesAsync(cancellation);
                return timers.Count;
            }
            catch (ConcurrencyException) when (attempt < MaxBatchAttempts)
            {
                // A command on one of the disputes committed first: the rows are back, decide again on the new state.
            }
        }
    }

    private static async Task<List<(DeadlineTimer Timer, Instant FiresAt, int LeadDays)>> TakeAsync(
        NpgsqlConnection connection, Instant at, int batchSize, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(TakeBatch, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        var taken = new List<(DeadlineTimer, Instant, int)>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var leadDays = reader.GetInt32(4);
            var timer = new DeadlineTimer(
                reader.GetGuid(1), Enum.Parse<ComplianceClock>(reader.GetString(2)), reader.GetFieldValue<LocalDate>(3),
                leadDays == DeadlineTimers.BreachLeadDays ? null : leadDays);
            taken.Add((timer, reader.GetFieldValue<Instant>(0), leadDays));
        }

        return taken;
    }
}

/// <summary>
/// Records warnings and breaches when a <see cref="DeadlineTimer"/> sent as a message of its own fires: timers scheduled
/// one envelope each, before the sweeps (<see cref="DeadlinesDue"/>), are still in the durable inbox of a database that
/// ran an earlier version, and are decided as they always were.
/// </summary>
public static class DeadlineTimerHandler
{
    /// <summary>
    /// Lets the domain decide on the dispute as it stands: a stale timer (the due date moved, the clock was met or
    /// stopped) or a duplicate delivery finds nothing to record. Two deliveries deciding on the same version cannot
    /// both append: the loser's commit fails and it is retried on the new state.
    /// </summary>
    public static Wolverine.Marten.Events Handle(DeadlineTimer timer, [Wolverine.Marten.WriteAggregate] Dispute? dispute, IDocumentSession session, IClock clock)
    {
        if (dispute is null)
        {
            return [];
        }

        session.LastModifiedBy = Identity.AuditStamp.TimerActor;
        return [.. FollowDispute.WithHold(dispute, timer.Decide(dispute, clock.GetCurrentInstant()))];
    }
}

using Disputes.Api.Hosting;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Wolverine;

namespace Disputes.Api.Disputes.Timing;

/// <summary>
/// Schedules a dispute's warning and breach timers. Each timer is a row of <c>deadline_timers</c>, written in the
/// transaction of the events that set its due date, so a due date is never stored without its timer. Breach instants
/// are local midnights, so thousands of timers share a handful of instants: each instant gets one durable Wolverine
/// message, <see cref="DeadlinesDue"/>, scheduled in the transaction that first needs it, which records every timer
/// due then in batches.
/// </summary>
/// <remarks>
/// <para><b>No timer is left behind by its sweep.</b> A transaction adding a timer for an instant whose sweep is already
/// scheduled holds that sweep's row of <c>deadline_sweeps</c> with a key-share lock until it commits (many intakes hold it
/// at once). The sweep deletes its row before it reads the timers, and the delete waits for those locks, so it reads
/// every timer whose transaction relied on it. A transaction that comes after the delete finds no row, adds one, and
/// schedules a sweep of its own, due at once.</para>
/// <para><b>Why not one message per timer.</b> That was six durable envelopes per intake, and a midnight burst of 10,000
/// breaches was 10,000 transactions that each loaded one dispute (bench/README.md, <c>timers</c>).</para>
/// </remarks>
public sealed class DeadlineTimers(IClock clock, TimeProvider time, IOptions<DeadlineWarningOptions> warnings)
{
    /// <summary>The table of timers not yet handled, one row per dispute, clock, due date and lead time.</summary>
    public const string TimersTable = "deadline_timers";

    /// <summary>The table of sweeps (<see cref="DeadlinesDue"/>) scheduled and not begun: their instant and when they run.</summary>
    public const string SweepsTable = "deadline_sweeps";

    /// <summary>Lead time stored for a breach timer; a warning's is its days before the breach, from 1 to 89.</summary>
    internal const int BreachLeadDays = 0;

    private const int MaxAttempts = 5;

    // One statement: the timers, then for each instant either a new sweep (returned as added) or a key-share lock on
    // the one scheduled (returned as kept). An instant in neither was swept between the insert and the lock.
    private static readonly string Schedule = $"""
        with timers as (
            insert into {DisputesStore.Schema}.{TimersTable} (fires_at, dispute_id, clock, due_on, lead_days)
            select * from unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::date[], $5::int[])
            on conflict do nothing),
        wanted as (select distinct fires_at, runs_at from unnest($6::timestamptz[], $7::timestamptz[]) as w(fires_at, runs_at)),
        added as (
            insert into {DisputesStore.Schema}.{SweepsTable} (fires_at, runs_at) select fires_at, runs_at from wanted
            on conflict do nothing returning fires_at, runs_at),
        kept as (
            select sweep.fires_at, sweep.runs_at from {DisputesStore.Schema}.{SweepsTable} sweep
            join wanted using (fires_at, runs_at) for key share of sweep)
        select fires_at, runs_at, true from added union all select fires_at, runs_at, false from kept
        """;

    /// <summary>
    /// Schedules the timers of <paramref name="clocks"/> (default: both clocks) of <paramref name="dispute"/> in
    /// <paramref name="session"/>'s transaction, which this begins if it has not.
    /// </summary>
    public Task ScheduleAsync(IDocumentSession session, IMessageBus bus, Dispute dispute, IEnumerable<ComplianceClock>? clocks = null) =>
        ScheduleAsync(session, bus, [dispute], clocks);

    /// <summary>
    /// Schedules the timers of <paramref name="clocks"/> (default: both clocks) of every one of <paramref name="disputes"/>
    /// in <paramref name="session"/>'s transaction, in one round trip (a retry only if a sweep began meanwhile).
    /// </summary>
    public async Task ScheduleAsync(
        IDocumentSession session, IMessageBus bus, IReadOnlyCollection<Dispute> disputes, IEnumerable<ComplianceClock>? clocks = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(disputes);
        var now = clock.GetCurrentInstant();
        var realNow = Instant.FromDateTimeOffset(time.GetUtcNow());
        var which = clocks?.ToArray() ?? Enum.GetValues<ComplianceClock>();
        var timers = disputes
            .SelectMany(dispute => which.SelectMany(c => DeadlineTimer.For(dispute, dispute.ClockFor(c), warnings.Value.DaysBefore, now)))
            .ToList();
        if (timers.Count == 0)
        {
            return;
        }

        await session.BeginTransactionAsync(cancellation);
        // A sweep is known by its instant and by when Wolverine runs it, in whole seconds of real time: on a clock that
        // keeps pace with real time both are fixed, so an instant has one sweep; a clock set back and forth (a test's)
        // gives the instant a sweep for each setting it was scheduled from, and none waits for another's.
        var pending = timers.Select(t => t.FiresAt).Distinct().ToDictionary(at => at, at =>
        {
            var delay = Duration.Max(at - now, Duration.Zero);
            return (Delay: delay, RunsAt: WholeSeconds(realNow + delay));
        });
        for (var attempt = 1; ; attempt++)
        {
            // The timers go in with the first attempt; a retry only looks for the sweeps again.
            foreach (var (firesAt, runsAt, added) in await RunAsync(session.Connection, attempt == 1 ? timers : [], pending, cancellation))
            {
                if (pending.Remove(firesAt, out var sweep) && added)
                {
                    // Delays are measured on the injected clock, so a test clock shifted from real time still fires the
                    // sweep when its own "now" reaches the instant.
                    await bus.ScheduleAsync(new DeadlinesDue(firesAt, runsAt), sweep.Delay.ToTimeSpan());
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException(
                    $"No sweep could be kept for {string.Join(", ", pending.Keys)} after {MaxAttempts} attempts: each was begun while this transaction scheduled it.");
            }
        }
    }

    private static Instant WholeSeconds(Instant instant) => Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    private static async Task<List<(Instant FiresAt, Instant RunsAt, bool Added)>> RunAsync(
        NpgsqlConnection connection, IReadOnlyList<(DeadlineTimer Timer, Instant FiresAt)> timers,
        IReadOnlyDictionary<Instant, (Duration Delay, Instant RunsAt)> sweeps, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(Schedule, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.FiresAt).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.Timer.DisputeId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.Timer.Clock.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.Timer.DueOn).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.Timer.DaysBefore ?? BreachLeadDays).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sweeps.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sweeps.Values.Select(s => s.RunsAt).ToArray() });

        var found = new List<(Instant, Instant, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found.Add((reader.GetFieldValue<Instant>(0), reader.GetFieldValue<Instant>(1), reader.GetBoolean(2)));
        }

        return found;
    }
}

/// <summary>The tables behind <see cref="DeadlineTimers"/>.</summary>
public static class DeadlineTimerStorage
{
    /// <summary>Adds <c>deadline_timers</c> and <c>deadline_sweeps</c> to the store's schema.</summary>
    public static StoreOptions AddDeadlineTimerStorage(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The key leads with the instant, so a sweep takes its timers in index order, a dispute's timers of one instant together.
        var timers = new Table(new PostgresqlObjectName(DisputesStore.Schema, DeadlineTimers.TimersTable, SchemaUtils.IdentifierUsage.General));
        timers.AddColumn("fires_at", "timestamp with time zone").AsPrimaryKey();
        timers.AddColumn<Guid>("dispute_id").AsPrimaryKey();
        timers.AddColumn("clock", "text").AsPrimaryKey();
        timers.AddColumn("due_on", "date").AsPrimaryKey();
        timers.AddColumn("lead_days", "integer").AsPrimaryKey();
        options.Storage.ExtendedSchemaObjects.Add(timers);

        var sweeps = new Table(new PostgresqlObjectName(DisputesStore.Schema, DeadlineTimers.SweepsTable, SchemaUtils.IdentifierUsage.General));
        sweeps.AddColumn("fires_at", "timestamp with time zone").AsPrimaryKey();
        sweeps.AddColumn("runs_at", "timestamp with time zone").AsPrimaryKey();
        options.Storage.ExtendedSchemaObjects.Add(sweeps);
        return options;
    }
}

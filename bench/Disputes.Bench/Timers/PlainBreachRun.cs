using Disputes.Bench.Infrastructure;
using Disputes.Bench.Scenarios;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Timers;

/// <summary>
/// The physical limit of <c>timers</c>: the same burst as rows of a plain table, and at the due instant plain SQL that
/// records the breaches in batches, as many at once and as large as the service's sweep. Each batch flips its clocks to
/// breached and inserts one breach row each (with a JSON body like the event's) in one statement: what recording a
/// breach must write at the least, with none of the event store's or the domain's work.
/// </summary>
public static class PlainBreachRun
{
    private const string Deadlines = "bench.plain_deadlines";
    private const string Breaches = "bench.plain_breaches";

    public static async Task<PlainTimers> RunAsync(ScenarioContext context, NpgsqlDataSource dataSource, int batchSize, int workers,
        CancellationToken cancellation)
    {
        var scale = context.Scale;
        await using (var create = dataSource.CreateCommand($"""
            create schema if not exists bench;
            drop table if exists {Deadlines}; drop table if exists {Breaches};
            create table {Deadlines} (dispute_id uuid primary key, due timestamptz not null, status text not null);
            create index on {Deadlines} (due) where status = 'pending';
            create table {Breaches} (dispute_id uuid not null, due timestamptz not null, data jsonb not null,
                recorded_at timestamptz not null default clock_timestamp());
            """))
        {
            await create.ExecuteNonQueryAsync(cancellation);
        }

        // Scheduling is one statement here, so the lead alone separates it from the due instant.
        var due = Instant.FromUnixTimeMilliseconds((SystemClock.Instance.GetCurrentInstant() + Duration.FromTimeSpan(scale.TimerLead)).ToUnixTimeMilliseconds());
        await using (var seed = dataSource.CreateCommand(
            $"insert into {Deadlines} select gen_random_uuid(), $1, 'pending' from generate_series(1, $2)"))
        {
            seed.Parameters.Add(new NpgsqlParameter { Value = due.ToDateTimeUtc() });
            seed.Parameters.Add(new NpgsqlParameter { Value = scale.Timers });
            await seed.ExecuteNonQueryAsync(cancellation);
        }

        await using (var analyze = dataSource.CreateCommand($"analyze {Deadlines}"))
        {
            await analyze.ExecuteNonQueryAsync(cancellation);
        }

        context.Progress.Line($"timers: plain SQL, {scale.Timers} deadlines due at {due}, {workers} x batches of {batchSize}");
        var wait = due - SystemClock.Instance.GetCurrentInstant();
        if (wait > Duration.Zero)
        {
            await Task.Delay(wait.ToTimeSpan(), cancellation);
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => RecordAsync(dataSource, due, batchSize, cancellation)));
        var tally = await BreachTally.ReadAsync(dataSource, $"select dispute_id, recorded_at from {Breaches}",
            $"select count(*) from {Deadlines} where status = 'pending'", due, scale.Timers, cancellation);
        return new PlainTimers(batchSize, workers, tally);
    }

    private static async Task RecordAsync(NpgsqlDataSource dataSource, Instant due, int batchSize, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var batch = new NpgsqlCommand($"""
            with taken as (
                update {Deadlines} set status = 'breached'
                where dispute_id in (select dispute_id from {Deadlines} where status = 'pending' and due <= $1
                                     limit $2 for update skip locked)
                returning dispute_id, due)
            insert into {Breaches} (dispute_id, due, data)
            select dispute_id, due, jsonb_build_object('clock', 'Acknowledgment', 'breachedAt', due, 'dueOn', (due - interval '1 day')::date)
            from taken
            """, connection);
        batch.Parameters.Add(new NpgsqlParameter { Value = due.ToDateTimeUtc() });
        batch.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        while (await batch.ExecuteNonQueryAsync(cancellation) > 0)
        {
        }
    }
}

/// <summary>The plain-SQL baseline of <c>timers</c>.</summary>
/// <param name="BatchSize">Breaches per statement (the service's sweep batch).</param>
/// <param name="Workers">Statements at once (the service's sweep workers).</param>
/// <param name="Tally">How the breaches were recorded.</param>
public sealed record PlainTimers(int BatchSize, int Workers, BreachTally Tally);

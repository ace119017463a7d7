using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using NodaTime;
using Npgsql;

namespace Disputes.Bench.Timers;

/// <summary>
/// The peer of the service's breach timers: the same deadlines as Hangfire delayed jobs (Hangfire.PostgreSql, schema
/// <c>hangfire</c> of the same database), each job inserting one row into <c>bench.hangfire_breaches</c>.
/// </summary>
public sealed class HangfirePeer : IDisposable
{
    public const string Table = "bench.hangfire_breaches";

    private readonly PostgreSqlStorage _storage;
    private readonly BackgroundJobClient _client;
    private readonly BackgroundJobServer _server;

    private HangfirePeer(PostgreSqlStorage storage, BackgroundJobServer server, BackgroundJobServerOptions options, PostgreSqlStorageOptions storageOptions)
    {
        _storage = storage;
        _server = server;
        _client = new BackgroundJobClient(storage);
        Settings = new HangfireSettings(options.WorkerCount, options.SchedulePollingInterval.TotalSeconds,
            storageOptions.QueuePollInterval.TotalSeconds, storageOptions.EnableLongPolling);
    }

    public HangfireSettings Settings { get; }

    /// <summary>Creates the storage (schema <c>hangfire</c>) and the result table, and starts a Hangfire server.</summary>
    public static async Task<HangfirePeer> StartAsync(string connectionString, TimeSpan schedulePolling, CancellationToken cancellation)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellation);
            await using var create = new NpgsqlCommand(
                $"create schema if not exists bench; create table {Table} (dispute_id uuid not null, due timestamptz not null, recorded_at timestamptz not null default clock_timestamp())",
                connection);
            await create.ExecuteNonQueryAsync(cancellation);
        }

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // Workers are woken by LISTEN/NOTIFY when a job is enqueued, so only the schedule polling delays a due job.
            EnableLongPolling = true,
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions, null), storageOptions);
        var options = new BackgroundJobServerOptions
        {
            ServerName = "disputes-bench",
            SchedulePollingInterval = schedulePolling,
            Activator = new BreachJobActivator(connectionString),
        };
        return new HangfirePeer(storage, new BackgroundJobServer(options, storage), options, storageOptions);
    }

    /// <summary>Schedules one job per id, due at <paramref name="due"/>, from several threads; returns jobs per second.</summary>
    public async Task<double> ScheduleAsync(IReadOnlyList<Guid> ids, Instant due, Action<int> progress, CancellationToken cancellation)
    {
        var enqueueAt = due.ToDateTimeOffset();
        var dueMs = due.ToUnixTimeMilliseconds();
        var watch = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation }, (id, _) =>
        {
            _client.Schedule<BreachJob>(job => job.RecordAsync(id, dueMs), enqueueAt);
            progress(Interlocked.Increment(ref done));
            return ValueTask.CompletedTask;
        });
        return ids.Count / watch.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        _server.SendStop();
        _server.Dispose();
        GC.KeepAlive(_storage);
    }

    /// <summary>Creates <see cref="BreachJob"/>s that write to the scenario's database.</summary>
    private sealed class BreachJobActivator(string connectionString) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(BreachJob) ? new BreachJob(connectionString) : base.ActivateJob(jobType);
    }
}

/// <summary>The Hangfire job: records that a deadline passed.</summary>
public sealed class BreachJob(string connectionString)
{
    public async Task RecordAsync(Guid disputeId, long dueUnixMs)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand($"insert into {HangfirePeer.Table} (dispute_id, due) values ($1, $2)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = disputeId });
        insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.FromUnixTimeMilliseconds(dueUnixMs).UtcDateTime });
        await insert.ExecuteNonQueryAsync();
    }
}

/// <summary>How the Hangfire peer was configured.</summary>
public sealed record HangfireSettings(int WorkerCount, double SchedulePollingSeconds, double QueuePollSeconds, bool LongPolling);

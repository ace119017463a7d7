using System.Text.Json;
using Disputes.Api.Hosting;
using Disputes.Api.ServiceDefaults;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Projections.Compliance;
using JasperFx;
using Marten;
using Npgsql;

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>
/// Reads the service's database directly (plain SQL, and a read-only Marten store with the service's own options
/// for folding events), to check what was stored independently of the service's answers.
/// </summary>
public sealed class StoredState(string connectionString) : IAsyncDisposable
{
    private const string Schema = DisputesStore.Schema;
    private static readonly JsonSerializerOptions Json = DisputesJson.Configure(new JsonSerializerOptions());
    private DocumentStore? store;

    /// <summary>The events a request can store (a timer's own events are not a request's).</summary>
    public Task<long> RequestEventCountAsync() =>
        ScalarAsync<long>($"select count(*) from {Schema}.mt_events where user_name is distinct from 'system:deadline-timer'");

    /// <summary>
    /// What a request can store, in one snapshot: the events it appends (a timer's are not a request's) and the
    /// documents it creates (disputes, accounts, clock rows).
    /// </summary>
    public async Task<(long Events, long Documents)> RequestFootprintAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
             select (select count(*) from {Schema}.mt_events where user_name is distinct from 'system:deadline-timer'),
                    (select count(*) from {Schema}.mt_doc_dispute) + (select count(*) from {Schema}.mt_doc_account) + (select count(*) from {Schema}.mt_doc_clockrow)
             """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>How many events of <paramref name="type"/> the stream <paramref name="streamId"/> holds.</summary>
    public Task<long> EventCountAsync(Guid streamId, string type) =>
        ScalarAsync<long>($"select count(*) from {Schema}.mt_events where stream_id = '{streamId}' and type = '{type}'");

    /// <summary>Every dispute stream's id, version and event types (tombstones and account streams left out).</summary>
    public async Task<IReadOnlyDictionary<Guid, (long Version, IReadOnlyList<string> Types)>> DisputeStreamsAsync()
    {
        var streams = new Dictionary<Guid, (long, IReadOnlyList<string>)>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
             select s.id, s.version, array_agg(e.type order by e.version)
             from {Schema}.mt_streams s join {Schema}.mt_events e on e.stream_id = s.id
             where s.type = 'dispute'
             group by s.id, s.version
             """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            streams[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetFieldValue<string[]>(2));
        }

        return streams;
    }

    /// <summary>Every event of <paramref name="types"/> (Marten's names, e.g. <c>dispute_opened</c>), in the log's order.</summary>
    public async Task<IReadOnlyList<(Guid Id, Guid StreamId, long Version, string Type)>> EventsAsync(params string[] types)
    {
        var events = new List<(Guid, Guid, long, string)>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"select id, stream_id, version, type from {Schema}.mt_events where type = any($1) order by seq_id", connection)
        {
            Parameters = { new NpgsqlParameter { Value = types } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return events;
    }

    /// <summary>
    /// Streams that are half written: events without a <c>dispute_opened</c> first event, a stream version that
    /// disagrees with its events, or a Dispute document missing or at another version. Any row is a defect.
    /// </summary>
    public async Task<IReadOnlyList<string>> HalfWrittenDisputesAsync()
    {
        var problems = new List<string>();
        await using var connection = await OpenAsync();
        // One statement, so one snapshot: events, stream and documents of a transaction are all there or none.
        await using var command = new NpgsqlCommand(
            $"""
             select s.id::text || ': ' || concat_ws('; ',
                 case when first.type is distinct from 'dispute_opened' then 'first event is ' || coalesce(first.type, 'missing') end,
                 case when s.version <> (select max(version) from {Schema}.mt_events e where e.stream_id = s.id) then 'stream version disagrees with its events' end,
                 case when d.id is null then 'no Dispute document' end,
                 case when d.id is not null and d.mt_version <> s.version then 'Dispute document at version ' || d.mt_version || ', stream at ' || s.version end,
                 case when (select count(*) from {Schema}.mt_doc_clockrow r where r.dispute_id = s.id) <> 2 then 'not two ClockRow documents' end)
             from {Schema}.mt_streams s
             left join {Schema}.mt_events first on first.stream_id = s.id and first.version = 1
             left join {Schema}.mt_doc_dispute d on d.id = s.id
             where s.type = 'dispute'
             """, connection);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var line = reader.GetString(0);
                if (!line.EndsWith(": ", StringComparison.Ordinal))
                {
                    problems.Add(line);
                }
            }
        }

        // Events of a dispute in a stream Marten does not know as a dispute (or in no stream row at all).
        await using var orphans = new NpgsqlCommand(
            $"""
             select distinct e.stream_id::text || ': dispute events without a dispute stream'
             from {Schema}.mt_events e left join {Schema}.mt_streams s on s.id = e.stream_id
             where e.type not like 'account_%' and e.type <> 'tombstone' and (s.id is null or s.type is distinct from 'dispute')
             """, connection);
        await using var orphanReader = await orphans.ExecuteReaderAsync();
        while (await orphanReader.ReadAsync())
        {
            problems.Add(orphanReader.GetString(0));
        }

        return problems;
    }

    /// <summary>
    /// For every dispute stream, the differences between the stored read models and a fresh fold of its events
    /// with the domain's own <see cref="Dispute.Replay"/> and <see cref="ClockRow"/>; empty when they agree.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProjectionDriftAsync()
    {
        var drift = new List<string>();
        await using var session = Store.QuerySession();
        var ids = (await DisputeStreamsAsync()).Keys.ToList();
        foreach (var id in ids)
        {
            var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
            var folded = Dispute.Replay(events);
            var stored = await session.LoadAsync<Dispute>(id);
            if (folded is null || stored is null)
            {
                drift.Add($"{id}: folded {(folded is null ? "nothing" : "a dispute")}, stored {(stored is null ? "nothing" : "a dispute")}");
                continue;
            }

            var foldedJson = JsonSerializer.Serialize(folded, Json);
            var storedJson = JsonSerializer.Serialize(stored, Json);
            if (foldedJson != storedJson)
            {
                drift.Add($"{id}: Dispute document differs from the fold of its {events.Count} events\n  stored: {storedJson}\n  folded: {foldedJson}");
            }

            var rows = await session.Query<ClockRow>().Where(r => r.DisputeId == id).ToListAsync();
            var opened = (DisputeOpened)events[0];
            foreach (var clock in Enum.GetValues<ComplianceClock>())
            {
                var expected = events.Skip(1).Aggregate(ClockRow.Start(opened, clock), (row, e) => row.Evolve(e));
                var actual = rows.SingleOrDefault(r => r.Clock == clock);
                if (actual is null)
                {
                    drift.Add($"{id}: no {clock} ClockRow");
                }
                else if (actual.Status != expected.Status || actual.DueOn != expected.DueOn
                         || JsonSerializer.Serialize(actual, Json) != JsonSerializer.Serialize(expected, Json))
                {
                    drift.Add($"{id}: {clock} ClockRow is {actual.Status} due {actual.DueOn}, the fold says {expected.Status} due {expected.DueOn}\n" +
                              $"  stored: {JsonSerializer.Serialize(actual, Json)}\n  folded: {JsonSerializer.Serialize(expected, Json)}");
                }
            }
        }

        return drift;
    }

    /// <summary>
    /// The differences between the asynchronous clock tally and a count over every clock row (per clock and status, the
    /// breached disputes' exposure, and clocks and disputes per breach instant), once the tally has caught up with the log; empty when they agree. Waits up
    /// to <paramref name="timeout"/> for the tally to catch up and agree, since timers may still be appending.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClockTallyDriftAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var caughtUp = await ScalarAsync<bool>(
                $"""
                 select coalesce((select last_seq_id from {Schema}.mt_event_progression where name = '{ClockTallyProjection.ProjectionName}:All'), 0)
                        >= (select coalesce(max(seq_id), 0) from {Schema}.mt_events)
                 """);
            var drift = caughtUp ? await CompareClockTallyAsync() : ["the clock tally has not caught up with the event log"];
            if (drift.Count == 0 || DateTime.UtcNow > deadline)
            {
                return drift;
            }

            await Task.Delay(200);
        }
    }

    // The tally's instants counted over the clock rows: breached clocks by breach time and pending ones by breach instant,
    // and the disputes whose two clocks both are, by their pair of instants.
    private static string CountedInstants =>
        $"""
         with instants as (
             select dispute_id, clock, 'breached' as figure, breached_at as at from {Schema}.mt_doc_clockrow where breached_at is not null
             union all
             select dispute_id, clock, 'pending', breach_instant from {Schema}.mt_doc_clockrow where status = 'Pending' and breach_instant is not null)
         select figure || '-clock' as figure, at as first_at, at as second_at, count(*) as count from instants group by figure, at
         union all
         select a.figure || '-pair', least(a.at, b.at), greatest(a.at, b.at), count(*)
         from instants a join instants b on b.dispute_id = a.dispute_id and b.figure = a.figure and a.clock = 'Acknowledgment' and b.clock = 'Resolution'
         group by a.figure, least(a.at, b.at), greatest(a.at, b.at)
         """;

    private async Task<List<string>> CompareClockTallyAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
             with counted as (
                 select clock || '/' || status as tally, count(*)::numeric as amount from {Schema}.mt_doc_clockrow where due_on is not null group by clock, status
                 union all
                 select 'exposure', coalesce(sum(forfeiture_exposure), 0) from (select distinct on (dispute_id) forfeiture_exposure from {Schema}.mt_doc_clockrow where status = 'Breached') per_dispute),
             kept as (select tally, amount from {Schema}.{ClockTally.Table} where amount <> 0 or tally = 'exposure')
             select coalesce(c.tally, k.tally) || ': counted ' || coalesce(c.amount::text, 'nothing') || ', tally ' || coalesce(k.amount::text, 'nothing')
             from counted c full join kept k on k.tally = c.tally
             where c.amount is distinct from k.amount and not (c.tally = 'exposure' and c.amount = 0 and k.tally is null)
             union all
             select coalesce(c.figure, k.figure) || ' at ' || coalesce(c.first_at, k.first_at)::text || ' / ' || coalesce(c.second_at, k.second_at)::text
                    || ': counted ' || coalesce(c.count::text, 'nothing') || ', tally ' || coalesce(k.count::text, 'nothing')
             from ({CountedInstants}) c
             full join {Schema}.{ClockTally.InstantsTable} k on (k.figure, k.first_at, k.second_at) = (c.figure, c.first_at, c.second_at)
             where c.count is distinct from k.count
             """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var drift = new List<string>();
        while (await reader.ReadAsync())
        {
            drift.Add(reader.GetString(0));
        }

        return drift;
    }

    /// <summary>Every row of every table of the service's schema, as PostgreSQL's text form of the row.</summary>
    public async Task<IReadOnlyList<(string Table, string Row)>> AllRowsAsync()
    {
        var rows = new List<(string, string)>();
        await using var connection = await OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         $"select table_name from information_schema.tables where table_schema = '{Schema}' and table_type = 'BASE TABLE' order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"select t::text from {Schema}.\"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((table, reader.GetString(0)));
            }
        }

        return rows;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    private DocumentStore Store
    {
        get
        {
            if (store is null)
            {
                var options = DisputesStore.Options(DisputesStore.DataSource(connectionString));
                // Read only: the service owns the schema.
                options.AutoCreateSchemaObjects = AutoCreate.None;
                store = new DocumentStore(options);
            }

            return store;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

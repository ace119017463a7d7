using Disputes.Domain.Clocks;
using Marten;
using NodaTime;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Disputes.Projections.Compliance;

/// <summary>
/// The running totals behind the compliance summary, kept by <see cref="ClockTallyProjection"/> in two small tables.
/// <see cref="Table"/> has one row per clock and status (how many clocks stand there; clocks that do not apply are not
/// counted) and one for the forfeiture exposure of the breached disputes. <see cref="InstantsTable"/> counts clocks by
/// the instant they breached, or breach while pending, and disputes by the pair of instants of their two clocks; the
/// summary's "due soon" and "breached in the period" are sums over the instants in a window. Breach instants are local
/// midnights, so there are a few per day however many disputes there are: reading either table costs the same at any
/// portfolio size.
/// </summary>
public static class ClockTally
{
    /// <summary>The counts per clock and status and the exposure: the table's name in the service's schema.</summary>
    public const string Table = "clock_tally";

    /// <summary>The counts by breach instant: the table's name in the service's schema.</summary>
    public const string InstantsTable = "clock_tally_instants";

    /// <summary>Both tables' names in <paramref name="schema"/>, for whatever empties the tally (a rebuild's teardown, a test's reset).</summary>
    public static IReadOnlyList<string> TablesIn(string schema) => [$"{schema}.{Table}", $"{schema}.{InstantsTable}"];

    private const string Exposure = "exposure";

    // The figures of the instants table: clocks by instant, and disputes whose two clocks are both there by pair.
    private const string PendingClock = "pending-clock";
    private const string PendingPair = "pending-pair";
    private const string BreachedClock = "breached-clock";
    private const string BreachedPair = "breached-pair";

    // A window's disputes: its clocks, less the disputes it holds both clocks of (a pair is in the window when its first
    // instant is at or after the start and its second before the end).
    private const string DisputesInWindow = "coalesce(sum(case when figure like '%-pair' then -count else count end), 0)";

    /// <summary>Adds both tables to the store's schema and returns their qualified names.</summary>
    public static IReadOnlyList<string> AddStorage(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tally").AsPrimaryKey();
        table.AddColumn("amount", "numeric").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);

        // One row per figure and instant (a clock: first = second) or pair of instants (a dispute: first <= second), so a
        // window's rows are one range of the primary key.
        var instants = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, InstantsTable, SchemaUtils.IdentifierUsage.General));
        instants.AddColumn<string>("figure").AsPrimaryKey();
        instants.AddColumn("first_at", "timestamp with time zone").AsPrimaryKey();
        instants.AddColumn("second_at", "timestamp with time zone").AsPrimaryKey();
        instants.AddColumn("count", "bigint").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(instants);
        return TablesIn(options.DatabaseSchemaName);
    }

    /// <summary>The counts per clock and status (none for a status no clock is in) and the breached disputes' exposure.</summary>
    public static async Task<(IReadOnlyList<ComplianceSummaryQuery.ClockCount> Counts, decimal Exposure)> ReadAsync(
        IQuerySession session, CancellationToken cancellation)
    {
        var rows = await session.QueryAsync<Row>(
            $"select json_build_object('tally', tally, 'amount', amount) from {session.DocumentStore.Options.DatabaseSchemaName}.{Table}",
            cancellation);
        var counts = rows
            .Where(r => r.Tally != Exposure && r.Amount != 0)
            .Select(r =>
            {
                var parts = r.Tally.Split('/');
                return new ComplianceSummaryQuery.ClockCount(Enum.Parse<ComplianceClock>(parts[0]), Enum.Parse<ClockStatus>(parts[1]), (long)r.Amount);
            })
            .ToList();
        return (counts, rows.SingleOrDefault(r => r.Tally == Exposure)?.Amount ?? 0m);
    }

    /// <summary>
    /// Disputes with a pending clock that breaches in [<paramref name="dueFrom"/>, <paramref name="dueTo"/>), and clocks and
    /// disputes that breached in [<paramref name="breachedFrom"/>, <paramref name="breachedTo"/>), summed over the instants
    /// in each window. A dispute with both clocks in a window is counted by both clocks and taken off once by its pair.
    /// </summary>
    public static async Task<WindowCounts> ReadWindowsAsync(
        IQuerySession session, Instant dueFrom, Instant dueTo, Instant breachedFrom, Instant breachedTo, CancellationToken cancellation)
    {
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.{InstantsTable}";
        return (await session.QueryAsync<WindowCounts>(
            $"""
             select json_build_object(
               'dueSoon', (select {DisputesInWindow} from {table} where figure in ('{PendingClock}', '{PendingPair}') and first_at >= ? and first_at < ? and second_at < ?),
               'breachedClocks', (select coalesce(sum(count), 0) from {table} where figure = '{BreachedClock}' and first_at >= ? and first_at < ?),
               'breachedDisputes', (select {DisputesInWindow} from {table} where figure in ('{BreachedClock}', '{BreachedPair}') and first_at >= ? and first_at < ? and second_at < ?))
             """,
            cancellation, dueFrom, dueTo, dueTo, breachedFrom, breachedTo, breachedFrom, breachedTo, breachedTo))[0];
    }

    /// <summary>Queues the upserts of the tally rows that <paramref name="changes"/> moves, in the operations' transaction.</summary>
    public static void Queue(IDocumentOperations operations, Changes changes)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var table = $"{schema}.{Table}";
        foreach (var (tally, delta) in changes.Deltas.Where(d => d.Value != 0))
        {
            operations.QueueSqlCommand(
                $"insert into {table} (tally, amount) values (?, ?) on conflict (tally) do update set amount = {table}.amount + excluded.amount",
                tally, delta);
        }

        var moved = changes.InstantDeltas.Where(d => d.Value != 0).ToList();
        if (moved.Count == 0)
        {
            return;
        }

        // One statement for every instant the batch moves, and the rows it brings to zero deleted, so the table holds
        // only instants where clocks are.
        var instants = $"{schema}.{InstantsTable}";
        var figures = moved.Select(d => d.Key.Figure).ToArray();
        var firsts = moved.Select(d => d.Key.First).ToArray();
        var seconds = moved.Select(d => d.Key.Second).ToArray();
        operations.QueueSqlCommand(
            $"""
             insert into {instants} (figure, first_at, second_at, count)
             select * from unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[])
             on conflict (figure, first_at, second_at) do update set count = {instants}.count + excluded.count
             """,
            figures, firsts, seconds, moved.Select(d => d.Value).ToArray());
        operations.QueueSqlCommand(
            $"delete from {instants} where count = 0 and (figure, first_at, second_at) in (select * from unnest(?::text[], ?::timestamptz[], ?::timestamptz[]))",
            figures, firsts, seconds);
    }

    /// <summary>What a batch of events changes in the tally: the disputes' clock rows before it are removed, after it added.</summary>
    public sealed class Changes
    {
        internal Dictionary<string, decimal> Deltas { get; } = [];

        internal Dictionary<(string Figure, Instant First, Instant Second), long> InstantDeltas { get; } = [];

        /// <summary>Counts a dispute's two clock rows (nothing when it has none yet).</summary>
        public void Add(IReadOnlyList<ClockRow>? rows) => Apply(rows, 1);

        /// <summary>Uncounts a dispute's two clock rows (nothing when it has none yet).</summary>
        public void Remove(IReadOnlyList<ClockRow>? rows) => Apply(rows, -1);

        private void Apply(IReadOnlyList<ClockRow>? rows, int sign)
        {
            if (rows is null)
            {
                return;
            }

            // The same rules as the group-by over ClockRow: a clock that does not apply has no due date and is left out;
            // a breached dispute's exposure counts once, however many of its clocks breached.
            foreach (var row in rows.Where(r => r.DueOn is not null))
            {
                Move($"{row.Clock}/{row.Status}", sign);
            }

            if (rows.Any(r => r.Status == ClockStatus.Breached))
            {
                Move(Exposure, sign * rows[0].ForfeitureExposure);
            }

            // The same rows as the summary's windows over the clock rows: breached is any clock with a breach time, due
            // is a pending clock's breach instant.
            MoveInstants(BreachedClock, BreachedPair, rows[0].BreachedAt, rows[1].BreachedAt, sign);
            MoveInstants(PendingClock, PendingPair, PendingBreachInstant(rows[0]), PendingBreachInstant(rows[1]), sign);
        }

        private static Instant? PendingBreachInstant(ClockRow row) => row.Status == ClockStatus.Pending ? row.BreachInstant : null;

        private void MoveInstants(string clockFigure, string pairFigure, Instant? first, Instant? second, int sign)
        {
            if (first is { } a)
            {
                MoveInstant(clockFigure, a, a, sign);
            }

            if (second is { } b)
            {
                MoveInstant(clockFigure, b, b, sign);
            }

            if (first is { } x && second is { } y)
            {
                MoveInstant(pairFigure, x < y ? x : y, x < y ? y : x, sign);
            }
        }

        private void Move(string tally, decimal delta) => Deltas[tally] = Deltas.GetValueOrDefault(tally) + delta;

        private void MoveInstant(string figure, Instant first, Instant second, int delta) =>
            InstantDeltas[(figure, first, second)] = InstantDeltas.GetValueOrDefault((figure, first, second)) + delta;
    }

    private sealed record Row(string Tally, decimal Amount);

    /// <summary>The summary's window figures, as <see cref="ReadWindowsAsync"/> sums them.</summary>
    /// <param name="DueSoon">Disputes with a pending clock that breaches in the due window.</param>
    /// <param name="BreachedClocks">Clocks that breached in the breach window.</param>
    /// <param name="BreachedDisputes">Disputes with a clock that breached in the breach window.</param>
    public sealed record WindowCounts(long DueSoon, long BreachedClocks, long BreachedDisputes);
}

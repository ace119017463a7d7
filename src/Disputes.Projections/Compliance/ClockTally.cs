using Disputes.Domain.Clocks;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Disputes.Projections.Compliance;

/// <summary>
/// The running totals behind the compliance summary's counts, kept by <see cref="ClockTallyProjection"/> in one small
/// table: one row per clock and status (how many clocks stand there; clocks that do not apply are not counted) and one
/// for the forfeiture exposure of the breached disputes. Reading it costs the same at any portfolio size.
/// </summary>
public static class ClockTally
{
    /// <summary>The table's name in the service's schema.</summary>
    public const string Table = "clock_tally";

    private const string Exposure = "exposure";

    /// <summary>Adds the table to the store's schema and returns its qualified name.</summary>
    public static string AddStorage(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tally").AsPrimaryKey();
        table.AddColumn("amount", "numeric").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
        return $"{options.DatabaseSchemaName}.{Table}";
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

    /// <summary>Queues one upsert per tally row that <paramref name="changes"/> moves, in the operations' transaction.</summary>
    public static void Queue(IDocumentOperations operations, Changes changes)
    {
        var table = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{Table}";
        foreach (var (tally, delta) in changes.Deltas.Where(d => d.Value != 0))
        {
            operations.QueueSqlCommand(
                $"insert into {table} (tally, amount) values (?, ?) on conflict (tally) do update set amount = {table}.amount + excluded.amount",
                tally, delta);
        }
    }

    /// <summary>What a batch of events changes in the tally: the disputes' clock rows before it are removed, after it added.</summary>
    public sealed class Changes
    {
        internal Dictionary<string, decimal> Deltas { get; } = [];

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
        }

        private void Move(string tally, decimal delta) => Deltas[tally] = Deltas.GetValueOrDefault(tally) + delta;
    }

    private sealed record Row(string Tally, decimal Amount);
}

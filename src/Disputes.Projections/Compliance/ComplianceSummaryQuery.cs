using Disputes.Domain.Clocks;
using Disputes.Projections.Progress;
using Marten;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>
/// Counts per clock and status and the forfeiture exposure (from the <see cref="ClockTally"/>, with its freshness), what is
/// due soon and breaches in a period (index-backed, over the clock rows).
/// </summary>
/// <param name="Now">The instant "due soon" counts from.</param>
/// <param name="DueWithin">How far ahead "due soon" looks.</param>
/// <param name="BreachesFrom">Start of the breach period (inclusive).</param>
/// <param name="BreachesTo">End of the breach period (exclusive).</param>
public sealed record ComplianceSummaryQuery(Instant Now, Duration DueWithin, Instant BreachesFrom, Instant BreachesTo)
{
    /// <summary>Reads the tally with its freshness and runs the two index-backed queries (due soon, breaches in the period).</summary>
    public async Task<ComplianceSummary> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        // Freshness is read before the tally: the projection commits its progress with the tally, so the tally read
        // afterwards is at least as current as the freshness says, never less.
        var freshness = (await ProjectionLag.ReadAsync(session, [ClockTallyProjection.ProjectionName], cancellation))[0];
        var (counts, exposure) = await ClockTally.ReadAsync(session, cancellation);
        return await WithClockRowFiguresAsync(session, counts, exposure, freshness, cancellation);
    }

    /// <summary>
    /// The same summary with the counts and the exposure counted over every clock row instead of read from the tally:
    /// current as of the last commit (its freshness says 0 behind), but a scan of the whole table. What the summary read
    /// before the tally; the benchmark's baseline.
    /// </summary>
    public async Task<ComplianceSummary> RunOverEveryClockRowAsync(IQuerySession session, CancellationToken cancellation)
    {
        var counts = await CountClocksAsync(session, cancellation);
        var exposure = await SumExposureAsync(session, cancellation);
        return await WithClockRowFiguresAsync(session, counts, exposure, new ProjectionLag(ClockTallyProjection.ProjectionName, 0, 0, 0), cancellation);
    }

    private async Task<ComplianceSummary> WithClockRowFiguresAsync(
        IQuerySession session, IReadOnlyList<ClockCount> counts, decimal exposure, ProjectionLag freshness, CancellationToken cancellation)
    {
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        var dueSoon = (await session.QueryAsync<long>(
            $"select count(distinct dispute_id) from {table} where status = 'Pending' and breach_instant >= ? and breach_instant < ?",
            cancellation, Now, Now + DueWithin))[0];
        var breaches = await session.QueryAsync<BreachTotals>(
            $"""
             select json_build_object('clocks', count(*), 'disputes', count(distinct dispute_id))
             from {table} where breached_at >= ? and breached_at < ?
             """,
            cancellation, BreachesFrom, BreachesTo);
        return new ComplianceSummary(counts, dueSoon, breaches[0].Clocks, breaches[0].Disputes, exposure, freshness);
    }

    /// <summary>
    /// The sum over every breached dispute of its exposure, each counted once, straight from the clock rows (current
    /// as of the last commit; the summary reads the tally's instead).
    /// </summary>
    public static async Task<decimal> SumExposureAsync(IQuerySession session, CancellationToken cancellation) =>
        (await session.QueryAsync<decimal>(
            $"select coalesce(sum(forfeiture_exposure), 0) from (select distinct on (dispute_id) forfeiture_exposure from {session.DocumentStore.Options.Schema.For<ClockRow>()} where status = 'Breached') per_dispute",
            cancellation))[0];

    /// <summary>
    /// How many clocks there are per kind and status (clocks that do not apply are left out), counted over every clock
    /// row: current as of the last commit, but a scan of the whole table (the summary reads <see cref="ClockTally"/>).
    /// </summary>
    public static Task<IReadOnlyList<ClockCount>> CountClocksAsync(IQuerySession session, CancellationToken cancellation) =>
        session.QueryAsync<ClockCount>(
            $"select json_build_object('clock', clock, 'status', status, 'count', count(*)) from {session.DocumentStore.Options.Schema.For<ClockRow>()} where due_on is not null group by clock, status",
            cancellation);

    /// <summary>How many clocks of a kind are in a status.</summary>
    public sealed record ClockCount(ComplianceClock Clock, ClockStatus Status, long Count);

    private sealed record BreachTotals(long Clocks, long Disputes);
}

/// <summary>The compliance summary.</summary>
/// <param name="Counts">Clocks per kind and status.</param>
/// <param name="DisputesDueSoon">Disputes with a pending clock that breaches within the look-ahead.</param>
/// <param name="BreachedClocks">Clocks that breached in the period.</param>
/// <param name="BreachedDisputes">Disputes with a clock that breached in the period.</param>
/// <param name="TotalForfeitureExposure">Sum over every breached dispute of its exposure, each counted once.</param>
/// <param name="Freshness">
/// How far <paramref name="Counts"/> and <paramref name="TotalForfeitureExposure"/> trail the event log: they are kept
/// by an asynchronous projection (<see cref="ClockTallyProjection"/>). Measured just before they were read, so they are
/// at least this current. The other figures are read from the clock rows and are always current.
/// </param>
public sealed record ComplianceSummary(
    IReadOnlyList<ComplianceSummaryQuery.ClockCount> Counts,
    long DisputesDueSoon,
    long BreachedClocks,
    long BreachedDisputes,
    decimal TotalForfeitureExposure,
    ProjectionLag Freshness);

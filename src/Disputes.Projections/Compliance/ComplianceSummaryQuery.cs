using Disputes.Domain.Clocks;
using Disputes.Projections.Progress;
using Marten;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>
/// Where the portfolio's clocks stand, all from the <see cref="ClockTally"/> with its freshness: counts per clock and
/// status, the forfeiture exposure, the disputes due soon and the clocks and disputes that breached in a period.
/// </summary>
/// <param name="Now">The instant "due soon" counts from.</param>
/// <param name="DueWithin">How far ahead "due soon" looks.</param>
/// <param name="BreachesFrom">Start of the breach period (inclusive).</param>
/// <param name="BreachesTo">End of the breach period (exclusive).</param>
public sealed record ComplianceSummaryQuery(Instant Now, Duration DueWithin, Instant BreachesFrom, Instant BreachesTo)
{
    /// <summary>Reads the tally with its freshness: the counts, the exposure and the sums over the instants in the two windows.</summary>
    public async Task<ComplianceSummary> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        // Freshness is read before the tally: the projection commits its progress with the tally, so the tally read
        // afterwards is at least as current as the freshness says, never less.
        var freshness = (await ProjectionLag.ReadAsync(session, [ClockTallyProjection.ProjectionName], cancellation))[0];
        var (counts, exposure) = await ClockTally.ReadAsync(session, cancellation);
        var windows = await ClockTally.ReadWindowsAsync(session, Now, Now + DueWithin, BreachesFrom, BreachesTo, cancellation);
        return new ComplianceSummary(counts, windows.DueSoon, windows.BreachedClocks, windows.BreachedDisputes, exposure, freshness);
    }

    /// <summary>
    /// The same summary counted over the clock rows, as it was read before the tally: the counts and the exposure over
    /// every clock row, the disputes with <c>count(distinct)</c>. Current as of the last commit (its freshness says 0
    /// behind), but a scan of the whole table and a sort of every row found; the benchmark's baseline, and what the
    /// tests hold the summary to.
    /// </summary>
    public async Task<ComplianceSummary> RunOverEveryClockRowAsync(IQuerySession session, CancellationToken cancellation)
    {
        var counts = await CountClocksAsync(session, cancellation);
        var exposure = await SumExposureAsync(session, cancellation);
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        var figures = (await session.QueryAsync<ClockRowFigures>(
            $"""
             select json_build_object(
               'dueSoon', (select count(distinct dispute_id) from {table} where status = 'Pending' and breach_instant >= ? and breach_instant < ?),
               'clocks', count(*),
               'disputes', count(distinct dispute_id))
             from {table} where breached_at >= ? and breached_at < ?
             """,
            cancellation, Now, Now + DueWithin, BreachesFrom, BreachesTo))[0];
        return new ComplianceSummary(counts, figures.DueSoon, figures.Clocks, figures.Disputes, exposure,
            new ProjectionLag(ClockTallyProjection.ProjectionName, 0, 0, 0));
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

    private sealed record ClockRowFigures(long DueSoon, long Clocks, long Disputes);
}

/// <summary>The compliance summary.</summary>
/// <param name="Counts">Clocks per kind and status.</param>
/// <param name="DisputesDueSoon">Disputes with a pending clock that breaches within the look-ahead.</param>
/// <param name="BreachedClocks">Clocks that breached in the period.</param>
/// <param name="BreachedDisputes">Disputes with a clock that breached in the period.</param>
/// <param name="TotalForfeitureExposure">Sum over every breached dispute of its exposure, each counted once.</param>
/// <param name="Freshness">
/// How far every figure trails the event log: they are kept by an asynchronous projection
/// (<see cref="ClockTallyProjection"/>). Measured just before they were read, so they are at least this current.
/// </param>
public sealed record ComplianceSummary(
    IReadOnlyList<ComplianceSummaryQuery.ClockCount> Counts,
    long DisputesDueSoon,
    long BreachedClocks,
    long BreachedDisputes,
    decimal TotalForfeitureExposure,
    ProjectionLag Freshness);

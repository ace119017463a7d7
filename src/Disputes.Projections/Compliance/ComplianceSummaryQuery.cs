using Disputes.Domain.Clocks;
using Marten;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>Counts per clock and status, what is due soon, breaches in a period and the forfeiture exposure.</summary>
/// <param name="Now">The instant "due soon" counts from.</param>
/// <param name="DueWithin">How far ahead "due soon" looks.</param>
/// <param name="BreachesFrom">Start of the breach period (inclusive).</param>
/// <param name="BreachesTo">End of the breach period (exclusive).</param>
public sealed record ComplianceSummaryQuery(Instant Now, Duration DueWithin, Instant BreachesFrom, Instant BreachesTo)
{
    /// <summary>Runs the summary's four aggregate queries.</summary>
    public async Task<ComplianceSummary> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        var counts = await CountClocksAsync(session, cancellation);
        var dueSoon = (await session.QueryAsync<long>(
            $"select count(distinct dispute_id) from {table} where status = 'Pending' and breach_instant >= ? and breach_instant < ?",
            cancellation, Now, Now + DueWithin))[0];
        var breaches = await session.QueryAsync<BreachTotals>(
            $"""
             select json_build_object('clocks', count(*), 'disputes', count(distinct dispute_id))
             from {table} where breached_at >= ? and breached_at < ?
             """,
            cancellation, BreachesFrom, BreachesTo);
        var exposure = (await session.QueryAsync<decimal>(
            $"select coalesce(sum(forfeiture_exposure), 0) from (select distinct on (dispute_id) forfeiture_exposure from {table} where status = 'Breached') per_dispute",
            cancellation))[0];
        return new ComplianceSummary(counts, dueSoon, breaches[0].Clocks, breaches[0].Disputes, exposure);
    }

    /// <summary>How many clocks there are per kind and status (clocks that do not apply are left out).</summary>
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
public sealed record ComplianceSummary(
    IReadOnlyList<ComplianceSummaryQuery.ClockCount> Counts,
    long DisputesDueSoon,
    long BreachedClocks,
    long BreachedDisputes,
    decimal TotalForfeitureExposure);

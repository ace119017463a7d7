using Marten;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>
/// The clocks that breached in a period, read from the <see cref="ClockRow"/> read model on its indexed
/// <c>breached_at</c> column (a partial index over breached rows only).
/// </summary>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
public sealed record BreachReportQuery(Instant From, Instant To)
{
    /// <summary>The breached clocks, oldest breach first.</summary>
    public async Task<IReadOnlyList<ClockRow>> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        return await session.QueryAsync<ClockRow>(
            $"select data from {table} where breached_at >= ? and breached_at < ? order by breached_at, case_number, clock",
            cancellation, From, To);
    }

    /// <summary>
    /// What the issuer forfeits over <paramref name="rows"/>: each dispute's exposure counted once, even when
    /// both of its clocks breached (15 USC 1666(e) forfeits the amount once per dispute).
    /// </summary>
    public static decimal TotalExposure(IEnumerable<ClockRow> rows) =>
        rows.GroupBy(r => r.DisputeId).Sum(dispute => dispute.First().ForfeitureExposure);
}

using Disputes.Domain.Clocks;
using Disputes.Projections.Compliance;
using Marten;
using NodaTime;

namespace Disputes.Bench.Scenarios;

/// <summary>One compliance query as the service runs it; returns how many rows it matched (its total).</summary>
/// <param name="Name">What a compliance officer asks.</param>
/// <param name="Run">Runs it on a Marten session.</param>
public sealed record QueryShape(string Name, Func<IQuerySession, CancellationToken, Task<long>> Run)
{
    /// <summary>
    /// The summary as it was read before the clock tally: counts and exposure over every clock row, disputes with
    /// count(distinct).
    /// </summary>
    public const string SummaryOverEveryClockRow = "compliance summary, counted over every clock row, disputes by count(distinct) (as before)";

    /// <summary>The summary as the service reads it: every figure from the clock tally.</summary>
    public const string Summary = "compliance summary";

    /// <summary>The shapes measured: the deadline list filtered the ways the API allows, and the summary.</summary>
    public static IReadOnlyList<QueryShape> All(Instant now)
    {
        var today = now.InUtc().Date;
        return
        [
            List("pending acknowledgments, page 1", new(ComplianceClock.Acknowledgment, [ClockStatus.Pending], null, null, null, 1, 50)),
            List("resolutions due in the next 14 days", new(ComplianceClock.Resolution, [ClockStatus.Pending], today, today.PlusDays(14), null, 1, 50)),
            List("breached, due in the last 30 days", new(null, [ClockStatus.Breached], today.PlusDays(-30), today, null, 1, 50)),
            List("one account's clocks", new(null, [], null, null, "acct-0042", 1, 50)),
            List("pending, page 100", new(null, [ClockStatus.Pending], null, null, null, 100, 50)),
            new(Summary, async (session, cancellation) =>
            {
                var summary = await new ComplianceSummaryQuery(now, Duration.FromDays(7), now - Duration.FromDays(30), now)
                    .RunAsync(session, cancellation);
                return summary.Counts.Sum(c => c.Count);
            }),
            new(SummaryOverEveryClockRow, async (session, cancellation) =>
            {
                var summary = await new ComplianceSummaryQuery(now, Duration.FromDays(7), now - Duration.FromDays(30), now)
                    .RunOverEveryClockRowAsync(session, cancellation);
                return summary.Counts.Sum(c => c.Count);
            }),
        ];
    }

    private static QueryShape List(string name, DeadlineListQuery query) =>
        new(name, async (session, cancellation) => (await query.RunAsync(session, cancellation)).Total);
}

using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Projections.Compliance;
using Marten;
using NodaTime;
using Weasel.Core;

namespace Disputes.Bench.Workload;

/// <summary>
/// A portfolio of disputes received over the last 150 days, worked to different ends (still open, acknowledged,
/// resolved, withdrawn; breached where a deadline passed undone), folded with the domain's own <c>Evolve</c>, and
/// bulk-inserted as the read models the inline projections would have written: the <see cref="Dispute"/> document
/// and its two <see cref="ClockRow"/>s; and the <see cref="ClockTally"/> the asynchronous projection keeps over them.
/// </summary>
public sealed class PortfolioSeeder(Instant now)
{
    private const int Chunk = 10_000;
    private readonly IReadOnlyList<BenchAccount> _accounts = BenchAccounts.Create(400);
    private readonly DisputeFactory _factory = new();

    /// <summary>Inserts <paramref name="count"/> disputes; <paramref name="progress"/> gets the running total.</summary>
    public async Task SeedAsync(IDocumentStore store, int count, Action<int> progress, CancellationToken cancellation)
    {
        // The clock tally the asynchronous projection would have kept over the same rows, written once at the end.
        var tally = new ClockTally.Changes();
        for (var start = 0; start < count; start += Chunk)
        {
            var disputes = new List<Dispute>(Chunk);
            var rows = new List<ClockRow>(Chunk * 2);
            for (var i = start; i < Math.Min(count, start + Chunk); i++)
            {
                var (dispute, clockRows) = Make(i);
                disputes.Add(dispute);
                rows.AddRange(clockRows);
                tally.Add(clockRows);
            }

            await store.BulkInsertAsync(disputes, BulkInsertMode.InsertsOnly, 5_000, cancellation);
            await store.BulkInsertAsync(rows, BulkInsertMode.InsertsOnly, 5_000, cancellation);
            progress(Math.Min(count, start + Chunk));
        }

        await using var session = store.LightweightSession();
        ClockTally.Queue(session, tally);
        await session.SaveChangesAsync(cancellation);
    }

    private (Dispute Dispute, ClockRow[] Rows) Make(int i)
    {
        var account = _accounts[i % _accounts.Count];
        var receivedAt = now - Duration.FromMinutes((long)i * 7919 % (150 * 24 * 60));
        var opened = _factory.Open(account, receivedAt, receivedAt);
        var dispute = Dispute.Start(opened);
        var rows = new[] { ClockRow.Start(opened, ComplianceClock.Acknowledgment), ClockRow.Start(opened, ComplianceClock.Resolution) };
        foreach (var (at, step) in Fate(i, opened))
        {
            if (at > now)
            {
                break;
            }

            foreach (var e in dispute.BreachesDueBy(at).Cast<object>().Append(step))
            {
                dispute = dispute.Evolve(e);
                rows = [rows[0].Evolve(e), rows[1].Evolve(e)];
            }
        }

        foreach (var breach in dispute.BreachesDueBy(now))
        {
            dispute = dispute.Evolve(breach);
            rows = [rows[0].Evolve(breach), rows[1].Evolve(breach)];
        }

        return (dispute, rows);
    }

    /// <summary>What happens to dispute <paramref name="i"/>, in time order: 30% nothing yet, the rest acknowledged
    /// (some late), resolved, or withdrawn.</summary>
    private static IEnumerable<(Instant At, object Step)> Fate(int i, DisputeOpened opened)
    {
        var at = opened.NoticeReceivedAt;
        switch (i % 20)
        {
            case < 6:
                yield break;
            case < 10:
                yield return (at + Duration.FromDays(i % 40), new AcknowledgmentSent(at + Duration.FromDays(i % 40)));
                yield break;
            case < 15:
                yield return (at + Duration.FromDays(2), new AcknowledgmentSent(at + Duration.FromDays(2)));
                var resolvedAt = at + Duration.FromDays(10 + i % 100);
                yield return (resolvedAt, new DisputeResolved(ResolutionOutcome.Corrected, opened.Amount, null, null, null, resolvedAt));
                yield break;
            case 15:
                yield return (at + Duration.FromDays(3), new DisputeWithdrawn(at + Duration.FromDays(3), "Found the receipt."));
                yield break;
            default:
                yield return (at + Duration.FromDays(2), new AcknowledgmentSent(at + Duration.FromDays(2)));
                yield break;
        }
    }
}

using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Projections.Compliance;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Marten;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Tests.Compliance;

/// <summary>
/// The summary counts disputes, not clocks, from the clock tally's instants: clocks by breach instant, less the disputes
/// whose two clocks are both in the window. Whatever the two clocks of a dispute did, and wherever the window falls, the
/// counts must be what <c>count(distinct)</c> over the same clock rows gives.
/// </summary>
public sealed class when_the_summary_counts_disputes(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static readonly Instant Start = InstantPattern.General.Parse("2025-05-01T04:00:00Z").Value;
    private static readonly LocalDate StartDate = new(2025, 5, 1);

    [Fact]
    public async Task a_dispute_with_both_clocks_in_the_window_counts_once_wherever_the_window_falls()
    {
        await StoreRowsAsync(EveryPairOfFates());

        await using var session = Service.Store.QuerySession();
        var windows = 0;
        foreach (var from in WindowEdges())
        {
            foreach (var to in WindowEdges().Where(to => to > from))
            {
                var query = new ComplianceSummaryQuery(from, to - from, from, to);
                var summary = await query.RunAsync(session, CancellationToken.None);
                var counted = await query.RunOverEveryClockRowAsync(session, CancellationToken.None);
                var window = $"[{from}, {to})";
                Assert.True(counted.BreachedDisputes == summary.BreachedDisputes, $"breached disputes in {window}: {summary.BreachedDisputes}, count(distinct) gives {counted.BreachedDisputes}");
                Assert.True(counted.BreachedClocks == summary.BreachedClocks, $"breached clocks in {window}");
                Assert.True(counted.DisputesDueSoon == summary.DisputesDueSoon, $"disputes due in {window}: {summary.DisputesDueSoon}, count(distinct) gives {counted.DisputesDueSoon}");
                windows++;
            }
        }

        // The windows include ones holding both clocks of some disputes, so counting clocks would be wrong there.
        var whole = await new ComplianceSummaryQuery(Start, Duration.FromDays(20), Start, Start + Duration.FromDays(20)).RunAsync(session, CancellationToken.None);
        Assert.True(whole.BreachedClocks > whole.BreachedDisputes);
        Assert.True(whole.DisputesDueSoon < await PendingRowsDueAsync(session, Start, Start + Duration.FromDays(20)));
        Assert.True(windows > 50);
    }

    [Fact]
    public async Task the_summary_counts_a_dispute_whose_two_clocks_breached_once()
    {
        await Client.RegisterAccountAsync();
        var first = await Client.OpenDisputeAsync();
        var second = TestApi.Intake();
        second["amount"] = 30m;
        var other = await Client.OpenDisputeAsync(second);

        // A note in June records both breaches of each dispute.
        Clock.SetNow("2025-06-20T12:00:00Z");
        foreach (var dispute in new[] { first, other })
        {
            Assert.True((await Client.CommandAsync(await Client.GetDisputeAsync(dispute), "notes", new() { ["text"] = "audit" })).IsSuccessStatusCode);
        }

        var summary = await Eventually.UntilAsync(
            async () => await (await Service.ClientAs("compliance").GetAsync("/api/compliance/summary?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z")).BodyAsync(),
            s => (long)s["freshness"]!["eventsBehind"]! == 0 && (long)s["freshness"]!["highWaterMark"]! > 0,
            "the clock tally to catch up");
        Assert.Equal(4, (long)summary["breachedClocks"]!);
        Assert.Equal(2, (long)summary["breachedDisputes"]!);
    }

    // Every pair of fates for the two clocks: breached at one of a few instants (some the same day, some the same
    // instant, some on a window's edge), pending due on one of a few days, met, or not applicable.
    private static IEnumerable<(Fate Acknowledgment, Fate Resolution)> EveryPairOfFates()
    {
        Fate[] fates =
        [
            Fate.Breached(0), Fate.Breached(1), Fate.Breached(5), Fate.Breached(9), Fate.Breached(14),
            Fate.PendingDue(0), Fate.PendingDue(2), Fate.PendingDue(9), Fate.PendingDue(14), Fate.Met, Fate.NotApplicable,
        ];
        return from ack in fates from res in fates select (ack, res);
    }

    // On breach instants (04:00 UTC, some days) and between them (midnight UTC).
    private static IEnumerable<Instant> WindowEdges() =>
        new[] { -1, 0, 1, 2, 5, 6, 9, 10, 14, 15, 16 }.Select(day => Start + Duration.FromDays(day))
            .Concat(new[] { 1, 9, 15 }.Select(day => Start + Duration.FromDays(day) - Duration.FromHours(4)))
            .Order();

    private async Task StoreRowsAsync(IEnumerable<(Fate Acknowledgment, Fate Resolution)> disputes)
    {
        // The rows and, as the tally's projection would keep it over them, the tally.
        await using var session = Service.Store.LightweightSession();
        var tally = new ClockTally.Changes();
        var n = 0;
        foreach (var (ack, res) in disputes)
        {
            var opened = Opened(++n, ack, res);
            var rows = new[] { ClockRow.Start(opened, ComplianceClock.Acknowledgment), ClockRow.Start(opened, ComplianceClock.Resolution) };
            foreach (var e in ack.Events(ComplianceClock.Acknowledgment, opened.AcknowledgmentDueOn).Concat(res.Events(ComplianceClock.Resolution, opened.ResolutionDeadline?.DueOn)))
            {
                rows = [rows[0].Evolve(e), rows[1].Evolve(e)];
            }

            session.Store(rows);
            tally.Add(rows);
        }

        ClockTally.Queue(session, tally);
        await session.SaveChangesAsync();
    }

    private static Task<long> PendingRowsDueAsync(IQuerySession session, Instant from, Instant to) =>
        session.Query<ClockRow>().Where(r => r.Status == ClockStatus.Pending && r.BreachInstant >= from && r.BreachInstant < to).LongCountAsync();

    private static DisputeOpened Opened(int n, Fate acknowledgment, Fate resolution) =>
        new(Guid.NewGuid(), $"DSP-2025-{n:000000}", "acct-1001", "4242", $"chat-{n}", BillingErrorKind.Unauthorized, "Merchant", 20m + n,
            "USD", StartDate.PlusDays(-40), StartDate.PlusDays(-35), Start - Duration.FromDays(30), StartDate.PlusDays(-30), "UTC", "Seeded.",
            NoticeChannel.Chat, new FilingWindow(StartDate.PlusDays(25), true),
            acknowledgment.DueOn, resolution.DueOn is { } due ? new ResolutionDeadline(due, ResolutionBasis.TwoCycles, null) : null,
            Start - Duration.FromDays(30));

    /// <summary>What one clock of a seeded dispute did.</summary>
    private sealed record Fate(LocalDate? DueOn, Func<ComplianceClock, LocalDate?, IEnumerable<object>> Steps)
    {
        // Breached <paramref name="day"/> days after the start, 04:00 UTC (both clocks breaching the same day breach at the same instant).
        public static Fate Breached(int day) => new(StartDate.PlusDays(day - 1),
            (clock, due) => [new DeadlineBreached(clock, due!.Value, Start + Duration.FromDays(day), 20m)]);

        // Pending; breaches at the start of the day after its due date, in UTC.
        public static Fate PendingDue(int day) => new(StartDate.PlusDays(day - 1), (_, _) => []);

        public static readonly Fate Met = new(StartDate.PlusDays(3), (clock, _) => clock == ComplianceClock.Acknowledgment
            ? [new AcknowledgmentSent(Start - Duration.FromDays(20))]
            : [new DisputeResolved(ResolutionOutcome.Corrected, 20m, null, null, null, Start - Duration.FromDays(10))]);

        public static readonly Fate NotApplicable = new(null, (_, _) => []);

        public IEnumerable<object> Events(ComplianceClock clock, LocalDate? due) => Steps(clock, due);
    }
}

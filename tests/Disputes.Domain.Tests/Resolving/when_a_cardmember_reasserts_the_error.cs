using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Resolving;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Resolving;

/// <summary>Rule book section 5: a reassertion after full compliance creates no new duty; after a missed clock it says so.</summary>
public class when_a_cardmember_reasserts_the_error
{
    private static readonly LocalDate Received = new(2025, 3, 3);

    private static Dispute ResolvedAt(Instant at)
    {
        var dispute = Given.DisputeReceivedOn(Received, amount: 30m);
        return new ResolveDispute(ResolutionOutcome.NoError, null, "Delivered, signed for", 0m, null).Decide(dispute, at)
            .Aggregate(dispute, (d, e) => d.Evolve(e));
    }

    [Fact]
    public void after_full_compliance_the_reopening_says_it_was_complied_with()
    {
        var dispute = ResolvedAt(Instant.FromUtc(2025, 3, 20, 15, 0));

        var reopened = Assert.IsType<DisputeReopened>(Assert.Single(ReopenDispute.Decide(dispute, "Still not received", Instant.FromUtc(2025, 4, 1, 15, 0))));

        Assert.True(reopened.FullyCompliedWith);
        Assert.Null(dispute.Evolve(reopened).ForfeitureExposure);
    }

    [Fact]
    public void after_a_missed_clock_the_reopening_records_it_was_not_fully_complied_with_and_the_forfeiture_stays()
    {
        // Resolved on 04-10, after the acknowledgment was due on 04-02.
        var dispute = ResolvedAt(Instant.FromUtc(2025, 4, 10, 15, 0));

        var reopened = Assert.IsType<DisputeReopened>(Assert.Single(ReopenDispute.Decide(dispute, "Still not received", Instant.FromUtc(2025, 4, 20, 15, 0))));
        var after = dispute.Evolve(reopened);

        Assert.False(reopened.FullyCompliedWith);
        Assert.Equal(30m, after.ForfeitureExposure);
        Assert.Contains("not fully complied with", DisputeStep.For(reopened, after.Version).Summary);
    }
}

using Disputes.Domain.BillingCycles;
using Disputes.Domain.BusinessDays;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Investigating;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Reopening;

/// <summary>
/// Rule book section 5 (1026.13(h)): a reassertion of the same error after the dispute was resolved is worked again but starts
/// no new clock. A notice received 2025-03-03 in New York, the account closing on the 15th (acknowledgment due 04-02,
/// resolution due 05-15), corrected on 03-20. The reopening after a missed clock is in
/// <c>Resolving/when_a_cardmember_reasserts_the_error</c>.
/// </summary>
public class when_a_resolved_dispute_is_reopened
{
    private static readonly Instant ResolvedAt = Instant.FromUtc(2025, 3, 20, 15, 0);
    private static readonly Instant ReopenedAt = Instant.FromUtc(2025, 4, 1, 15, 0);

    private static Dispute Opened() => Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15));

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    private static Dispute Corrected(Dispute? dispute = null)
    {
        dispute ??= Opened();
        return Fold(dispute, new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(dispute, ResolvedAt));
    }

    [Fact]
    public void the_reassertion_is_worked_again_and_no_clock_starts()
    {
        var resolved = Corrected();

        var events = ReopenDispute.Decide(resolved, "Cardmember says the charge came back", ReopenedAt);
        var reopened = Fold(resolved, events);

        Assert.Equal(new DisputeReopened("Cardmember says the charge came back", ReopenedAt, true), Assert.Single(events));
        Assert.Equal(DisputeStatus.Reopened, reopened.Status);
        Assert.True(reopened.IsActive);
        Assert.Equal((resolved.AcknowledgmentClock, resolved.ResolutionClock), (reopened.AcknowledgmentClock, reopened.ResolutionClock));
        Assert.Equal((ClockStatus.MetByResolution, ClockStatus.Met), (reopened.AcknowledgmentClock.Status, reopened.ResolutionClock.Status));
        Assert.Contains(DisputeAction.Resolve, DisputeActions.AllowedFor(reopened));
        Assert.Contains(DisputeAction.Withdraw, DisputeActions.AllowedFor(reopened));
        Assert.DoesNotContain(DisputeAction.Reopen, DisputeActions.AllowedFor(reopened));
        Assert.Equal("Reopened as a reassertion (no new clocks): Cardmember says the charge came back", reopened.Steps[^1].Summary);
    }

    [Fact]
    public void a_reopened_dispute_worked_past_its_old_due_dates_breaches_nothing()
    {
        var reopened = Fold(Corrected(), ReopenDispute.Decide(Corrected(), "The charge came back", ReopenedAt));
        var inJuly = Instant.FromUtc(2025, 7, 1, 15, 0);

        var noted = InvestigationSteps.AddNote(reopened, "Asked the merchant again", inJuly);

        Assert.IsType<NoteAdded>(Assert.Single(noted));
        Assert.Empty(reopened.BreachesDueBy(inJuly));
        Assert.Null(Fold(reopened, noted).ForfeitureExposure);
    }

    [Fact]
    public void resolving_the_reassertion_meets_no_clock_again_and_it_can_be_reopened_once_more()
    {
        var resolved = Corrected();
        var reopened = Fold(resolved, ReopenDispute.Decide(resolved, "The charge came back", ReopenedAt));
        var again = Instant.FromUtc(2025, 4, 10, 15, 0);

        var resolvedAgain = Fold(reopened, new ResolveDispute(ResolutionOutcome.NoError, null, "Same charge, already corrected", 0m, null).Decide(reopened, again));

        Assert.Equal(DisputeStatus.Resolved, resolvedAgain.Status);
        Assert.Equal(ResolutionOutcome.NoError, resolvedAgain.Resolution!.Outcome);
        Assert.Equal((ResolvedAt, ResolvedAt), (resolvedAgain.AcknowledgmentClock.MetAt, resolvedAgain.ResolutionClock.MetAt));
        Assert.IsType<DisputeReopened>(Assert.Single(ReopenDispute.Decide(resolvedAgain, "Still disputed", again + Duration.FromDays(1))));
    }

    public static TheoryData<string> NotResolved => ["open", "acknowledged", "withdrawn", "reopened"];

    [Theory]
    [MemberData(nameof(NotResolved))]
    public void only_a_resolved_dispute_can_be_reopened(string state)
    {
        var opened = Opened();
        var dispute = state switch
        {
            "open" => opened,
            "acknowledged" => opened.Evolve(new AcknowledgmentSent(ResolvedAt)),
            "withdrawn" => opened.Evolve(new DisputeWithdrawn(ResolvedAt, null)),
            _ => Fold(Corrected(), ReopenDispute.Decide(Corrected(), "The charge came back", ReopenedAt)),
        };

        var refused = Assert.Throws<DisputeRuleViolation>(() => ReopenDispute.Decide(dispute, "Again", ReopenedAt + Duration.FromDays(1)));

        Assert.Equal(DisputeRule.NotResolved, refused.Rule);
        Assert.DoesNotContain(DisputeAction.Reopen, DisputeActions.AllowedFor(dispute));
    }

    [Fact]
    public void after_a_hold_violation_the_reopening_records_it_was_not_fully_complied_with()
    {
        // Rule book sections 4 and 6: collections drew the disputed 127.43 on 03-10 while the dispute was pending; every clock
        // was met by the correction on 03-20.
        var opened = Opened();
        var held = Fold(opened, PlaceHold.Decide(opened, null, BusinessDayCalendar.FederalReserve));
        var collection = new AccountActivity(ActivityKind.CollectionAttempt, Instant.FromUtc(2025, 3, 10, 15, 0), 127.43m, 127.43m);
        var violated = Fold(held, JudgeActivity.Decide(collection, held, held.Hold, Instant.FromUtc(2025, 3, 12, 15, 0)));
        Assert.Single(violated.Hold!.Violations);
        var resolved = Fold(violated, FollowDispute.WithHold(violated,
            [.. new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(violated, ResolvedAt)]));
        Assert.DoesNotContain(resolved.Clocks, c => c.Status == ClockStatus.Breached);

        var reopened = Assert.IsType<DisputeReopened>(Assert.Single(ReopenDispute.Decide(resolved, "The charge came back", ReopenedAt)));

        Assert.False(reopened.FullyCompliedWith);
        Assert.Equal(50m, resolved.Evolve(reopened).ForfeitureExposure);
    }
}
